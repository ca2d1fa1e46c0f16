import type { EmployeeResponse } from '@shanqian/shared';
import { checkCharacter } from './id-number';
import {
  emptyEducation,
  emptyForm,
  emptyWork,
  fieldLabel,
  fieldOfServerError,
  formFromEmployee,
  inputOf,
  missingSummary,
  prefillPatch,
  sectionOf,
  sectionStates,
  toEmployeeRequest,
  validateResume,
} from './resume-rules';
import type { ResumeForm } from './resume-rules';
import { completeForm } from '../test/resume-form';

const today = new Date('2026-11-22T04:00:00Z');
const create = { today, needsVerifyCode: true };

describe('validateResume', () => {
  it('finds nothing wrong with a complete resume', () => {
    expect(validateResume(completeForm(), create)).toEqual({});
  });

  it('lists everything an empty form lacks, on the server’s field names, in the order of the form', () => {
    const errors = validateResume(emptyForm(), create);
    expect(errors).toEqual({
      real_name: '不能为空',
      id_number: '不能为空',
      nation: '请选择',
      marital_sts: '请选择',
      political_sts: '请选择',
      acct_type: '请选择',
      id_card_front: '请拍摄身份证人像面',
      id_card_back: '请拍摄身份证国徽面',
      'employee_edu[0].school': '不能为空',
      'employee_edu[0].major': '不能为空',
      'employee_edu[0].edu_type': '请选择',
      'employee_edu[0].start_date': '不能为空',
      'employee_edu[0].end_date': '不能为空',
      'work_exp[0].company_name': '不能为空',
      'work_exp[0].position': '不能为空',
      'work_exp[0].start_date': '不能为空',
      'work_exp[0].end_date': '不能为空',
      company_id: '请选择',
      work_pos: '请选择',
      ad_user_id: '请选择',
      phone: '不能为空',
      verify_code: '不能为空',
    });
  });

  it.each<[string, Partial<ResumeForm>, string, string]>([
    ['a name of blanks', { real_name: '   ' }, 'real_name', '不能为空'],
    ['a name over 16 characters', { real_name: '王'.repeat(17) }, 'real_name', '最多 16 个字'],
    ['a wrong check digit', { id_number: '110101199506150014' }, 'id_number', '校验位不正确，请核对号码'],
    ['someone under 16', { id_number: `11010120110101001${checkCharacter('11010120110101001')}` }, 'age', '年满 16 周岁才能申请（按身份证号码为 15 岁）'],
    ['a phone that is no mainland mobile', { phone: '12912345678' }, 'phone', '应为 11 位中国大陆手机号'],
    ['an SMS code of 5 digits', { verify_code: '12345' }, 'verify_code', '应为 6 位数字'],
    ['a contact phone with letters', { em_contact_phone: '138abc' }, 'em_contact_phone', '应为电话号码'],
    ['a household address over 16 characters', { acct_addr: '一'.repeat(17) }, 'acct_addr', '最多 16 个字'],
    ['the same photo twice', { id_card_back: 'http://localhost:3000/image/a?expires=1&sig=x' }, 'id_card_back', '正反面不能是同一张照片'],
    ['no education', { employee_edu: [] }, 'employee_edu', '至少填写 1 条'],
    ['no work', { work_exp: [] }, 'work_exp', '至少填写 1 条'],
    [
      'an education that ends before it starts',
      { employee_edu: [{ school: '郑州大学', major: '机械', edu_type: 'bachelor', start_date: '2017-09', end_date: '2017-06' }] },
      'employee_edu[0].end_date',
      '不能早于开始年月',
    ],
    [
      'a work description over 500 characters',
      { work_exp: [{ company_name: '富士康', position: '普工', start_date: '2017-07', end_date: '2020-12', description: '字'.repeat(501) }] },
      'work_exp[0].description',
      '最多 500 个字',
    ],
  ])('refuses %s', (_, overrides, field, message) => {
    expect(validateResume(completeForm(overrides), create)).toEqual({ [field]: message });
  });

  it('counts characters, not UTF-16 units, as the server does', () => {
    expect(validateResume(completeForm({ real_name: '𠀋'.repeat(16) }), create)).toEqual({});
  });

  it('limits history to 10 educations and 20 jobs', () => {
    const form = completeForm();
    const errors = validateResume({ ...form, employee_edu: Array(11).fill(form.employee_edu[0]), work_exp: Array(21).fill(form.work_exp[0]) }, create);
    expect(errors).toEqual({ employee_edu: '最多 10 条', work_exp: '最多 20 条' });
  });

  it('needs no SMS code for an edit that keeps the phone, but checks one that is given', () => {
    const edit = { today, needsVerifyCode: false };
    expect(validateResume(completeForm({ verify_code: '' }), edit)).toEqual({});
    expect(validateResume(completeForm({ verify_code: '12' }), edit)).toEqual({ verify_code: '应为 6 位数字' });
  });
});

describe('toEmployeeRequest', () => {
  it('builds the body: age and gender from the ID number, region codes as numbers, blanks as null, trimmed text', () => {
    const body = toEmployeeRequest(completeForm({ id_number: '11010519491231002x' }), create);
    expect(body).toMatchObject({
      id_number: '11010519491231002X',
      age: 76,
      gender: 2,
      marital_sts: 1,
      political_sts: 3,
      acct_type: 0,
      acct_prc_id: 410000,
      acct_prc_name: '河南省',
      acct_city_id: 410100,
      acct_coy_id: 410105,
      acct_coy_name: '金水区',
      province_id: null,
      province_name: null,
      addr: null,
      verify_code: '123456',
    });
    expect(body.employee_edu[0].school).toBe('郑州大学');
  });

  it('leaves the SMS code out when none is needed', () => {
    expect(toEmployeeRequest(completeForm(), { today, needsVerifyCode: false })).not.toHaveProperty('verify_code');
  });

  it('round-trips a resume from the server', () => {
    const body = toEmployeeRequest(completeForm(), create);
    const response: EmployeeResponse = {
      ...body,
      id: 7,
      company: { id: 1, company_name: '闪签云示范科技有限公司' },
      handler: { id: 2, name: '李强' },
      status: 4,
      reason: '照片不清楚',
    };
    const form = formFromEmployee(response);
    expect(form.verify_code).toBe('');
    expect(toEmployeeRequest(form, { today, needsVerifyCode: false })).toEqual({ ...body, verify_code: undefined });
  });
});

describe('sections and labels', () => {
  it('places server fields in their sections', () => {
    expect(sectionOf('real_name')).toBe(0);
    expect(sectionOf('age')).toBe(0);
    expect(sectionOf('acct_prc_name')).toBe(1);
    expect(sectionOf('em_contact_phone')).toBe(2);
    expect(sectionOf('id_card_back')).toBe(3);
    expect(sectionOf('employee_edu[2].end_date')).toBe(4);
    expect(sectionOf('work_exp')).toBe(5);
    expect(sectionOf('ad_user_id')).toBe(6);
    expect(sectionOf('verify_code')).toBe(7);
    expect(sectionOf('body')).toBe(-1);
  });

  it('finds the input behind a server field', () => {
    expect(inputOf('acct_city_id')).toBe('acct_region');
    expect(inputOf('county_name')).toBe('region');
    expect(inputOf('gender')).toBe('id_number');
    expect(inputOf('work_exp[1].position')).toBe('work_exp[1].position');
    expect(inputOf('phone')).toBe('phone');
  });

  it('names fields as the worker reads them', () => {
    expect(fieldLabel('id_number')).toBe('身份证号码');
    expect(fieldLabel('work_exp[1].position')).toBe('第 2 段工作经历的职位');
  });

  it('tells done, to-do and untouched optional sections apart', () => {
    const form = completeForm({ em_contact_name: '', em_contact_phone: '', em_contact_relationship: '', phone: '' });
    const states = sectionStates(form, validateResume(form, create));
    expect(states.map((s) => s.state)).toEqual(['done', 'done', 'optional', 'done', 'done', 'done', 'done', 'todo']);
    expect(states[7].problems).toBe(1);
  });

  it('sums up what is missing, one line per section', () => {
    expect(missingSummary(validateResume(emptyForm(), create))).toEqual([
      { section: 0, title: '身份信息', text: '姓名、身份证号码、民族等 6 项' },
      { section: 3, title: '身份证照片', text: '人像面照片、国徽面照片' },
      { section: 4, title: '教育经历', text: '第 1 段教育经历的学校、第 1 段教育经历的专业、第 1 段教育经历的学历等 5 项' },
      { section: 5, title: '工作经历', text: '第 1 段工作经历的单位名称、第 1 段工作经历的职位、第 1 段工作经历的开始年月等 4 项' },
      { section: 6, title: '应聘岗位', text: '用人单位、应聘岗位、对接人' },
      { section: 7, title: '手机验证', text: '手机号、短信验证码' },
    ]);
  });
});

describe('fieldOfServerError', () => {
  it('takes the field the message names, else the one the error code is about', () => {
    expect(fieldOfServerError({ status: 10001, field: 'employee_edu[0].edu_type' })).toBe('employee_edu[0].edu_type');
    expect(fieldOfServerError({ status: 13003, field: null })).toBe('phone');
    expect(fieldOfServerError({ status: 13004, field: null })).toBe('id_number');
    expect(fieldOfServerError({ status: 12002, field: null })).toBe('verify_code');
    expect(fieldOfServerError({ status: 10009, field: null })).toBeNull();
  });
});

describe('prefillPatch', () => {
  const prefill = {
    real_name: '王强', phone: '13912345678', id_number: '110101199407210011', age: 31, gender: 1 as const, nation: '汉族', work_pos: null,
    employee_edu: [{ school: '郑州大学', major: '机械工程', edu_type: 'bachelor', start_date: '2013-09', end_date: '2017-06' }],
    work_exp: [{ company_name: '富士康', position: '普工', start_date: '2017-07', end_date: '2020-12' }],
    offer: { position: null, entry_date: null, salary: null },
  };

  it('fills only what is empty, never what the worker typed', () => {
    const form = { ...emptyForm(), real_name: '王小强', employee_edu: [emptyEducation()] };
    expect(prefillPatch(form, prefill)).toEqual({
      id_number: '110101199407210011', nation: '汉族',
      employee_edu: prefill.employee_edu,
      work_exp: [{ ...prefill.work_exp[0], description: '' }],
    });
    const typedHistory = { ...emptyForm(), work_exp: [{ ...emptyWork(), company_name: '自己填的' }] };
    expect(prefillPatch(typedHistory, prefill)).not.toHaveProperty('work_exp');
  });
});
