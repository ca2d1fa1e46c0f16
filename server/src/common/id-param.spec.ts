import { ErrorCode } from '@shanqian/shared';
import { parseId } from './id-param';

describe('parseId', () => {
  it.each([['1', 1], ['2', 2], ['2147483647', 2147483647], ['1000000000', 1000000000]])('reads %p', (raw, id) => expect(parseId('id', raw)).toBe(id));

  it.each(['0', '02', '0x2', '2e0', '+2', ' 2', '2 ', '0b10', '-1', '2.0', 'abc', '', '2147483648', '99999999999', '１', undefined])('refuses %p', (raw) => {
    expect(() => parseId('id', raw)).toThrow(expect.objectContaining({ code: ErrorCode.InvalidPathParameter, httpStatus: 400, message: 'id: 应为 1 到 2147483647 之间的十进制整数' }));
  });
});
