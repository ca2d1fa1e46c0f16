import { makeTemplatePdf, testParties } from '../../test/pdf-tools';
import { FIELD_NAMES, invisibleWidget, signRevision } from './pades-signer';
import { inspectSignatures } from './signed-pdf-verifier';

/** `signed` with the hex of its last /Contents replaced by `fill` repeated. */
function withContents(signed: Buffer, fill: string): Buffer {
  const copy = Buffer.from(signed);
  const [, , firstLength, secondStart] = (/\[(\d+) (\d+) (\d+) (\d+)\]/.exec(copy.toString('latin1', copy.lastIndexOf('/ByteRange'))) ?? []).map(Number);
  copy.write(fill.repeat((secondStart - firstLength - 2) / fill.length), firstLength + 1, 'latin1');
  return copy;
}

describe('inspectSignatures', () => {
  let signed: Buffer;

  beforeAll(async () => {
    const { worker } = testParties();
    signed = await signRevision(await makeTemplatePdf(1), worker, { reason: '测试', name: '张三丰', signingTime: new Date('2026-12-01T08:00:00Z'), role: 'worker' }, invisibleWidget(FIELD_NAMES.worker, 0));
  });

  it('reads a signature: field, role, signer, time, validity and coverage', async () => {
    expect(await inspectSignatures(signed)).toEqual([
      expect.objectContaining({
        fieldName: '劳动者签名',
        role: 'worker',
        subFilter: 'ETSI.CAdES.detached',
        commonName: '张三丰',
        signingTime: new Date('2026-12-01T08:00:00Z'),
        timestampTime: null,
        valid: true,
        coversRevision: true,
        coversWholeFile: true,
      }),
    ]);
    const [appended] = await inspectSignatures(Buffer.concat([signed, Buffer.from('\n% a later addition\n')]));
    expect(appended).toMatchObject({ valid: true, coversRevision: true, coversWholeFile: false });
  });

  it('answers no signatures for anything without a filled one, never throwing', async () => {
    const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb004300', 'hex');
    const absurd = Buffer.from('%PDF-1.7\n1 0 obj << /ByteRange [0 10 99999999 10] /Contents <3082> >> endobj\n%%EOF');
    const cases = {
      unsigned: await makeTemplatePdf(1),
      jpeg,
      empty: Buffer.alloc(0),
      truncated: signed.subarray(0, signed.length - 1000),
      absurd,
      placeholder: withContents(signed, '0'),
      notHex: withContents(signed, 'zz'),
    };
    for (const [name, pdf] of Object.entries(cases)) {
      expect({ name, signatures: await inspectSignatures(pdf) }).toEqual({ name, signatures: [] });
    }
  });

  it('reports a signature whose /Contents is not CMS as invalid', async () => {
    expect(await inspectSignatures(withContents(signed, 'ff'))).toEqual([
      expect.objectContaining({ role: 'worker', certificate: null, commonName: null, valid: false, coversWholeFile: true }),
    ]);
  });
});
