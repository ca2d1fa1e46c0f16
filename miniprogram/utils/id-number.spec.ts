import { ageOn, checkCharacter, checkIdNumberAsTyped, parseIdNumber } from './id-number';

/** A fixed "today": 22 November 2026, noon in China. */
const today = new Date('2026-11-22T04:00:00Z');

/** A valid number from its first 17 digits. */
const valid = (first17: string) => first17 + checkCharacter(first17);

describe('check character (GB 11643 mod 11-2)', () => {
  it('matches the standard’s own example, which ends in X', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
  });

  it('matches numbers ending in a digit', () => {
    expect(checkCharacter('44052418800101001')).toBe('4');
    expect(checkCharacter('11010119950615001')).toBe('3');
  });
});

describe('parseIdNumber', () => {
  it('reads birth date, gender and age; a lower-case x and surrounding spaces are accepted', () => {
    expect(parseIdNumber(' 11010519491231002x ', today)).toEqual({ birthDate: '1949-12-31', gender: 2, age: 76 });
    expect(parseIdNumber('110101199506150013', today)).toEqual({ birthDate: '1995-06-15', gender: 1, age: 31 });
  });

  it('derives gender from the 17th digit: odd is male, even is female', () => {
    expect(parseIdNumber(valid('32010220000101001'), today)).toMatchObject({ gender: 1 });
    expect(parseIdNumber(valid('32010220000101002'), today)).toMatchObject({ gender: 2 });
  });

  it.each([
    ['11010519491231002', '应为 18 位身份证号码'],
    ['1101051949123100AX', '应为 18 位身份证号码'],
    ['11010519491231X021', '应为 18 位身份证号码'],
    ['110105194912310021', '校验位不正确，请核对号码'],
    [valid('11010519490230002'), '出生日期无效'], // 30 February
    [valid('11010519491301002'), '出生日期无效'], // month 13
    [valid('11010518991231002'), '出生日期无效'], // before 1900
    [valid('11010520261123002'), '出生日期无效'], // tomorrow
    [valid('99010519491231002'), '前两位不是有效的地区代码，请核对号码'],
  ])('rejects %s: %s', (id, problem) => {
    expect(parseIdNumber(id, today)).toBe(problem);
  });

  it('accepts 29 February in a leap year and a birth today', () => {
    expect(parseIdNumber(valid('11010520000229002'), today)).toMatchObject({ birthDate: '2000-02-29' });
    expect(parseIdNumber(valid('11010520261122002'), today)).toMatchObject({ age: 0 });
  });
});

describe('ageOn', () => {
  it('counts full years by the calendar in China', () => {
    expect(ageOn('2000-11-22', today)).toBe(26);
    expect(ageOn('2000-11-23', today)).toBe(25);
    // 17:00 UTC on 22 November is already 23 November in China.
    expect(ageOn('2000-11-23', new Date('2026-11-22T17:00:00Z'))).toBe(26);
    expect(ageOn('2000-12-01', today)).toBe(25);
  });
});

describe('checkIdNumberAsTyped', () => {
  it('says nothing while empty and counts what is left while typing', () => {
    expect(checkIdNumberAsTyped('', today)).toEqual({ state: 'empty' });
    expect(checkIdNumberAsTyped('1101', today)).toEqual({ state: 'typing', remaining: 14 });
    expect(checkIdNumberAsTyped('11010119950615001', today)).toEqual({ state: 'typing', remaining: 1 });
  });

  it('catches a wrong character or a misplaced X at once', () => {
    expect(checkIdNumberAsTyped('1101a', today)).toEqual({ state: 'invalid', message: '只能填数字，最后一位可以是 X' });
    expect(checkIdNumberAsTyped('1101X', today)).toEqual({ state: 'invalid', message: '只能填数字，最后一位可以是 X' });
  });

  it('checks the region as soon as two digits are there, the birth date as soon as its eight are', () => {
    expect(checkIdNumberAsTyped('9', today)).toEqual({ state: 'typing', remaining: 17 });
    expect(checkIdNumberAsTyped('99', today)).toEqual({ state: 'invalid', message: '前两位不是有效的地区代码，请核对号码' });
    expect(checkIdNumberAsTyped('1101011995021', today)).toEqual({ state: 'typing', remaining: 5 });
    expect(checkIdNumberAsTyped('11010119950230', today)).toEqual({ state: 'invalid', message: '出生日期无效' });
  });

  it('checks the check digit at the 18th character, X included', () => {
    expect(checkIdNumberAsTyped('110101199506150014', today)).toEqual({ state: 'invalid', message: '校验位不正确，请核对号码' });
    expect(checkIdNumberAsTyped('11010519491231002x', today)).toEqual({ state: 'valid', facts: { birthDate: '1949-12-31', gender: 2, age: 76 } });
  });

  it('refuses a 19th character', () => {
    expect(checkIdNumberAsTyped('1101011995061500131', today)).toMatchObject({ state: 'invalid' });
  });
});
