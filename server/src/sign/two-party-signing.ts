/**
 * The two signatures of a labor contract, in the order the law reads them: the worker signs the
 * prepared contract (their handwriting in their box, their event certificate), then the employer
 * seals it (the company seal over 用人单位（盖章）, the company certificate), then, with a TSA, a
 * document time stamp covers both. Each is its own incremental revision, so each earlier signature
 * stays valid for what it signed.
 */
import { chinaDateTime } from '../common/china-time';
import { IssuedSigner } from '../certificates/certificate.service';
import { sealAppearance, SealArtwork } from '../seals/seal-artwork';
import { handwritingAppearance } from './pdf/handwriting';
import { FIELD_NAMES, signRevision, timestampDocument } from './pdf/pades-signer';
import { PreparedContract } from './pdf/contract-pdf';

/** Who signs: the worker with a certificate issued for this signing, the employer with its company certificate and seal. */
export interface SigningParties {
  worker: IssuedSigner;
  employer: IssuedSigner;
  seal: SealArtwork;
}

export interface TwoPartySignature {
  pdf: Buffer;
  /** The document time stamp, when a TSA is configured. */
  timestamp: { token: Buffer; genTime: Date } | null;
}

export async function signBothParties(
  prepared: PreparedContract,
  input: {
    parties: SigningParties;
    signaturePng: Buffer;
    signedAt: Date;
    applicationNo: string;
    workerName: string;
    contractBody: string;
    location: string | undefined;
    tsa: { url: string; timeoutMs: number } | null;
  },
): Promise<TwoPartySignature> {
  const { parties, signedAt, applicationNo } = input;
  const byWorker = await signRevision(
    prepared.pdf,
    parties.worker.signer,
    { reason: `劳动者签署劳动合同 ${applicationNo}`, name: input.workerName, location: input.location, signingTime: signedAt, role: 'worker' },
    { fieldName: FIELD_NAMES.worker, ...prepared.worker, appearance: handwritingAppearance(input.signaturePng) },
  );
  const caption = chinaDateTime(signedAt).slice(0, 10);
  const byEmployer = await signRevision(
    byWorker,
    parties.employer.signer,
    { reason: `用人单位盖章（自动盖章授权） ${applicationNo}`, name: input.contractBody, signingTime: signedAt, role: 'employer' },
    { fieldName: FIELD_NAMES.employer, ...prepared.employer, appearance: (doc, width, height) => sealAppearance(doc, parties.seal, { width, height, caption }) },
  );
  if (!input.tsa) return { pdf: byEmployer, timestamp: null };
  const { pdf, token, genTime } = await timestampDocument(byEmployer, input.tsa);
  return { pdf, timestamp: { token, genTime } };
}
