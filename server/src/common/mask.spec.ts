import { maskIdNumber, maskPhone } from './mask';

describe('maskIdNumber', () => {
  it('keeps the first 4 and last 4 characters of an 18-character ID number', () => {
    expect(maskIdNumber('110101199506150012')).toBe('1101**********0012');
    expect(maskIdNumber('11010119950615001X')).toBe('1101**********001X');
  });

  it('masks a 15-digit (first-generation) number the same way', () => {
    expect(maskIdNumber('110101950615001')).toBe('1101*******5001');
  });

  it('ignores surrounding spaces', () => {
    expect(maskIdNumber(' 110101199506150012 ')).toBe('1101**********0012');
  });

  it('masks short values whole rather than revealing them', () => {
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('123')).toBe('***');
    expect(maskIdNumber('')).toBe('');
  });

  it('keeps the length, so the mask never hints at a different number', () => {
    expect(maskIdNumber('1234567890')).toBe('1234**7890');
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
  });
});
