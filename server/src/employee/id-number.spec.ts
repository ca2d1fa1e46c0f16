import { Gender } from '@shanqian/shared';
import { ageOn, checkCharacter, parseResidentId } from './id-number';

describe('resident ID numbers (GB 11643)', () => {
  const today = new Date('2026-11-22T04:00:00Z');

  it('computes the check character, X included', () => {
    expect(checkCharacter('11010519491231002')).toBe('X'); // the standard's own example
  });

  it('reads birth date and sex from a valid number, lower-case x accepted', () => {
    expect(parseResidentId('11010519491231002x', today)).toEqual({ birthDate: '1949-12-31', gender: Gender.Female });
    const male = `44052419800101001${checkCharacter('44052419800101001')}`;
    expect(parseResidentId(male, today)).toEqual({ birthDate: '1980-01-01', gender: Gender.Male });
  });

  it.each([
    ['11010519491231002', '应为 18 位身份证号码'],
    ['1101051949123100AX', '应为 18 位身份证号码'],
    ['110105194912310021', '校验位不正确，请核对号码'],
    ['110105194902300028', '出生日期无效'], // 30 February
    ['110105203001010011', '出生日期无效'], // in the future
  ])('rejects %s', (id, problem) => {
    expect(parseResidentId(id, today)).toBe(problem);
  });

  it('counts full years by the calendar in China', () => {
    expect(ageOn('2000-11-22', today)).toBe(26);
    expect(ageOn('2000-11-23', today)).toBe(25);
    // 2026-11-22 17:00 UTC is already 23 November in China
    expect(ageOn('2000-11-23', new Date('2026-11-22T17:00:00Z'))).toBe(26);
  });
});
