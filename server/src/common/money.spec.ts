import { canonicalMoney, moneyCents } from './money';

describe('money', () => {
  it.each([
    [6500, '6500.00'],
    ['6500.00', '6500.00'],
    [6500.5, '6500.50'],
    [' 6500.5 ', '6500.50'],
    ['0065', '65.00'],
    [0, '0.00'],
    ['9999999999999.99', '9999999999999.99'],
  ])('reads %p as %p', (given, canonical) => expect(canonicalMoney(given)).toBe(canonical));

  it.each([[6500.555], ['6500.555'], ['1e3'], [1e21], [NaN], [Infinity], [-1], ['-1'], [''], ['  '], [true], [null], [undefined], ['65 00'], ['6500.'], ['.5'], ['+6500'], ['10000000000000'], [{}], [[6500]]])(
    'refuses %p',
    (given) => expect(canonicalMoney(given)).toBeNull(),
  );

  it('counts in fen', () => {
    expect(moneyCents('6500.5')).toBe(650050);
    expect(moneyCents(9999999999999.99)).toBe(999999999999999);
    expect(moneyCents('x')).toBeNull();
  });
});
