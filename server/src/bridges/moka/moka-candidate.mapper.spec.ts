import { Gender } from '@shanqian/shared';
import { residentId } from '../../test/fixtures';
import { CandidateDictionaries, mapMokaApplication } from './moka-candidate.mapper';
import type { MokaApplication } from './moka.types';

const dicts: CandidateDictionaries = {
  eduTypes: new Map([['高中', 'senior'], ['大专', 'college'], ['本科', 'bachelor'], ['硕士', 'master']]),
  nations: new Set(['汉族', '回族', '维吾尔族']),
};

const app = (overrides: Partial<MokaApplication> = {}): MokaApplication => ({ applicationId: '47151744', name: '张三', phone: '13800000000', ...overrides });
const fields = (overrides: Partial<MokaApplication> = {}) => {
  const mapped = mapMokaApplication(app(overrides), dicts);
  if ('reason' in mapped) throw new Error(mapped.reason);
  return mapped.fields;
};

describe('mapMokaApplication', () => {
  it('maps the seed example fields to 闪签云 terms', () => {
    const id = residentId('1995-06-15', true);
    const result = fields({
      email: 'a@example.com', gender: '男', birthDate: '1995-06-14T16:00:00.000Z', ethnic: '汉族', certificateType: 1, citizenId: id.toLowerCase(),
      stageName: '沟通offer', job: { title: '装配工' }, offer: { salaryNumber: 111, checkinDate: '2018-09-20T13:00:07.000Z' },
      educationInfo: [{ startDate: '2013-09', endDate: '2017-06', school: '郑州大学', speciality: '机械工程', academicDegree: '本科', now: false }],
      experienceInfo: [{ startDate: '2017-07', endDate: '', company: '富士康', title: '普工', summary: '装配线', now: true }],
    });
    expect(result).toEqual({
      phone: '13800000000', name: '张三', email: 'a@example.com', gender: Gender.Male, birthDate: '1995-06-15', nation: '汉族',
      idNumber: id.toUpperCase(), position: '装配工', entryDate: '2018-09-20', salary: '111.00', stage: '沟通offer',
      education: [{ school: '郑州大学', major: '机械工程', edu_type: 'bachelor', start_date: '2013-09', end_date: '2017-06' }],
      experience: [{ company_name: '富士康', position: '普工', start_date: '2017-07', end_date: '', description: '装配线' }],
    });
  });

  it('keeps only a valid resident ID, and lets it decide sex and birth date', () => {
    const id = residentId('1990-01-02', false);
    expect(fields({ citizenId: id, gender: '男', birthDate: '1980-05-05T00:00:00.000Z' })).toMatchObject({ idNumber: id, gender: Gender.Female, birthDate: '1990-01-02' });
    const broken = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
    expect(fields({ citizenId: broken, gender: '男', birthDate: '1980-05-05T00:00:00.000Z' })).toMatchObject({ idNumber: null, gender: Gender.Male, birthDate: '1980-05-05' });
    expect(fields({ citizenId: 'E12345678' }).idNumber).toBeNull();
    // A passport number that happens to look like a resident ID is still a passport number.
    expect(fields({ citizenId: id, certificateType: 5 }).idNumber).toBeNull();
  });

  it('refuses what cannot be found by phone, and normalises the phone', () => {
    expect(mapMokaApplication(app({ phone: null }), dicts)).toEqual({ reason: '没有可用的中国大陆手机号' });
    expect(mapMokaApplication(app({ phone: '+1 415 555 0100' }), dicts)).toEqual({ reason: '没有可用的中国大陆手机号' });
    expect(mapMokaApplication(app({ name: '  ' }), dicts)).toEqual({ reason: '没有姓名' });
    expect(fields({ phone: '+86 138-0000-0001' }).phone).toBe('13800000001');
  });

  it('leaves empty what Moka gives in a form the resume cannot take', () => {
    const result = fields({
      gender: null, birthDate: 'unknown', ethnic: '汉', citizenId: null, offer: { salaryNumber: null, checkinDate: null },
      educationInfo: [
        { startDate: '2008', endDate: '2010-13', school: '某中学', academicDegree: '其他' },
        { startDate: '2010-09', school: '某大学', academicDegree: 'MBA', now: true, endDate: 'whatever' },
        { school: null, speciality: null, academicDegree: null },
      ],
      experienceInfo: [{ company: null, title: '无公司' }],
    });
    expect(result).toMatchObject({ gender: Gender.Unknown, birthDate: null, nation: '汉族', salary: null, entryDate: null, position: null, email: null });
    expect(result.education).toEqual([
      { school: '某中学', major: '', edu_type: '', start_date: '', end_date: '' },
      { school: '某大学', major: '', edu_type: 'master', start_date: '2010-09', end_date: '' },
    ]);
    expect(result.experience).toEqual([]);
    expect(fields({ ethnic: '火星族' }).nation).toBeNull();
  });
});
