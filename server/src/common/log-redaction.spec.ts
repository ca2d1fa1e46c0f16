import { parse } from 'node:querystring';
import { redactQuery, redactUrl } from './log-redaction';

describe('log redaction by parsed parameter', () => {
  it.each([
    ['a plain signature', '/image/k?expires=1&sig=S1', '/image/k?expires=1&sig=[redacted]'],
    ['a percent-encoded name', '/image/k?expires=1&%73ig=S1', '/image/k?expires=1&%73ig=[redacted]'],
    ['an upper-case name', '/image/k?SIG=S1&Token=S2', '/image/k?SIG=[redacted]&Token=[redacted]'],
    ['a repeated name', '/image/k?sig=S1&expires=1&sig=S2', '/image/k?sig=[redacted]&expires=1&sig=[redacted]'],
    ['bracketed names', '/x?sig[]=S1&code%5B0%5D=S2', '/x?sig[]=[redacted]&code%5B0%5D=[redacted]'],
    ['every secret of the list', '/x?code=1&verify_code=2&password=3&captcha=4&a=5', '/x?code=[redacted]&verify_code=[redacted]&password=[redacted]&captcha=[redacted]&a=5'],
    ['a malformed escape beside a secret', '/x?%zz=1&s%69g=S1%&%E0%A4%A=2', '/x?%zz=1&s%69g=[redacted]&%E0%A4%A=2'],
    ['a secret after a fragment or a semicolon', '/x?a=1#sig=S1;token=S2', '/x?a=1#sig=[redacted];token=[redacted]'],
  ])('masks %s and keeps the rest as sent', (_, url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('leaves a URL without a query, a path that looks like a parameter, and names that only contain a secret one', () => {
    expect(redactUrl('/image/sig=abc')).toBe('/image/sig=abc');
    expect(redactUrl('/x?signed=1&zipcode=2&sig')).toBe('/x?signed=1&zipcode=2&sig');
  });

  it('masks what Express parsed: every name that decodes to a secret, at any depth', () => {
    const query = parse('expires=1&%73ig=S1&SIG=S2&sig=S3');
    expect(redactQuery(query)).toEqual({ expires: '1', sig: '[redacted]', SIG: '[redacted]' });
    expect(redactQuery({ filter: { password: 'p', name: 'n' }, list: [{ token: 't' }] })).toEqual({
      filter: { password: '[redacted]', name: 'n' },
      list: [{ token: '[redacted]' }],
    });
    expect(redactQuery(undefined)).toBeUndefined();
  });
});
