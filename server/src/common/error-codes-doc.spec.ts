import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, ErrorCode } from '@shanqian/shared';

/** docs/api.md is what integrators read: its error table must be the one the code uses. */
it('docs/api.md lists every error code with its HTTP status and message', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/api.md'), 'utf8');
  const rows = [...doc.matchAll(/^\| (\d{5}) \| (\w+) \| (\d{3}) \| (.+) \|$/gm)].map((m) => [Number(m[1]), m[2], Number(m[3]), m[4]]);
  const expected = Object.entries(ERROR_CODES).map(([code, info]) => [Number(code), ErrorCode[Number(code)], info.http, info.msg]);
  expect(rows).toEqual(expected);
});
