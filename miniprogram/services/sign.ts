import type { ContractPreviewResponse, RealnameResponse, SignedDocumentResponse } from '@shanqian/shared';
import { request, uploadFile } from './request';

/** POST /verify/realname: name and ID number against the authority, with the face when a selfie is given. */
export function verifyRealname(selfiePath?: string): Promise<RealnameResponse> {
  return selfiePath
    ? uploadFile<RealnameResponse>({ path: '/verify/realname', filePath: selfiePath, name: 'selfie' })
    : request<RealnameResponse>({ method: 'POST', path: '/verify/realname' });
}

/** GET /sign/contract: the filled contract's preview link and its key terms. */
export function getContract(): Promise<ContractPreviewResponse> {
  return request<ContractPreviewResponse>({ method: 'GET', path: '/sign/contract' });
}

/** POST /sign: the signature PNG, the SMS intent code and the agreement (always 1: the page asks before). */
export function signContract(input: { signaturePath: string; verifyCode: string }): Promise<SignedDocumentResponse> {
  return uploadFile<SignedDocumentResponse>({
    path: '/sign',
    filePath: input.signaturePath,
    name: 'signature',
    formData: { verify_code: input.verifyCode, agree: '1' },
  });
}

/** GET /sign/document: the signed contract with a fresh link. */
export function getSignedDocument(): Promise<SignedDocumentResponse> {
  return request<SignedDocumentResponse>({ method: 'GET', path: '/sign/document' });
}
