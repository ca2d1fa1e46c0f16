import type {
  EmployeeEducation,
  EmployeePrefillResponse,
  EmployeeRequest,
  EmployeeResponse,
  EmployeeWorkExperience,
  ErrorCode,
  Gender,
  HouseholdType,
  MaritalStatus,
  PoliticalStatus,
} from '@shanqian/shared';
import { normalizeIdNumber, parseIdNumber } from './id-number';

/*
 * The resume form's model and the server's rules for it, checked on the phone before sending
 * (server/src/employee/dto/employee.dto.ts, common/form-fields.ts and EmployeeService.check()):
 * the same limits and, where the worker can act on them, the same messages. Errors are keyed by the
 * server's field paths (`employee_edu[0].school`), so an error the server answers lands on the same
 * field as one found here. Pure functions: no wx, no clock (today is passed in).
 */

/** What `picker mode="region"` gives: codes for the ids, names for the names. */
export interface RegionPick {
  codes: string[];
  names: string[];
}

export type EducationRow = EmployeeEducation;
export type WorkRow = Required<EmployeeWorkExperience>;

/** Everything the worker fills in, as the form holds it: text as typed, choices as dictionary keys ('' / 0 = not chosen yet). */
export interface ResumeForm {
  real_name: string;
  id_number: string;
  /** A dict_value of Nation (汉族 …), as the server wants it. */
  nation: string;
  /** dict_keys of Marital_Sts, Political_Sts and Acct_Type. */
  marital_sts: string;
  political_sts: string;
  acct_type: string;
  acct_region: RegionPick | null;
  acct_addr: string;
  region: RegionPick | null;
  addr: string;
  em_contact_name: string;
  em_contact_phone: string;
  /** A dict_value of Relationship (父母 …): the server keeps it as text. */
  em_contact_relationship: string;
  /** URLs answered by POST /image. */
  id_card_front: string;
  id_card_back: string;
  employee_edu: EducationRow[];
  work_exp: WorkRow[];
  company_id: number;
  work_pos: string;
  ad_user_id: number;
  phone: string;
  verify_code: string;
}

export type FormKey = keyof ResumeForm;

/** Messages by server field path, in the order of the form. */
export type FieldErrors = Record<string, string>;

export interface Section {
  key: string;
  title: string;
  /** The server fields (or array names) the section holds. */
  fields: string[];
  /** For a section with nothing required: the form keys that tell whether the worker filled anything in. */
  optional?: FormKey[];
}

export const SECTIONS: Section[] = [
  { key: 'identity', title: '身份信息', fields: ['real_name', 'id_number', 'age', 'gender', 'nation', 'marital_sts', 'political_sts', 'acct_type'] },
  {
    key: 'address',
    title: '户籍和现住址',
    fields: [
      'acct_prc_id', 'acct_prc_name', 'acct_city_id', 'acct_city_name', 'acct_coy_id', 'acct_coy_name', 'acct_addr',
      'province_id', 'province_name', 'city_id', 'city_name', 'county_id', 'county_name', 'addr',
    ],
    optional: ['acct_region', 'acct_addr', 'region', 'addr'],
  },
  {
    key: 'contact',
    title: '紧急联系人',
    fields: ['em_contact_name', 'em_contact_phone', 'em_contact_relationship'],
    optional: ['em_contact_name', 'em_contact_phone', 'em_contact_relationship'],
  },
  { key: 'photos', title: '身份证照片', fields: ['id_card_front', 'id_card_back'] },
  { key: 'education', title: '教育经历', fields: ['employee_edu'] },
  { key: 'work', title: '工作经历', fields: ['work_exp'] },
  { key: 'job', title: '应聘岗位', fields: ['company_id', 'work_pos', 'ad_user_id'] },
  { key: 'phone', title: '手机验证', fields: ['phone', 'verify_code'] },
];

const LABELS: Record<string, string> = {
  real_name: '姓名', id_number: '身份证号码', age: '年龄', gender: '性别', nation: '民族', marital_sts: '婚姻状况',
  political_sts: '政治面貌', acct_type: '户口类型',
  acct_prc_id: '户籍所在地', acct_prc_name: '户籍所在地', acct_city_id: '户籍所在地', acct_city_name: '户籍所在地',
  acct_coy_id: '户籍所在地', acct_coy_name: '户籍所在地', acct_addr: '户籍详细地址',
  province_id: '现住址', province_name: '现住址', city_id: '现住址', city_name: '现住址', county_id: '现住址', county_name: '现住址',
  addr: '现住址详细地址',
  em_contact_name: '联系人姓名', em_contact_phone: '联系人电话', em_contact_relationship: '与本人关系',
  id_card_front: '人像面照片', id_card_back: '国徽面照片',
  employee_edu: '教育经历', school: '学校', major: '专业', edu_type: '学历', start_date: '开始年月', end_date: '结束年月',
  work_exp: '工作经历', company_name: '单位名称', position: '职位', description: '工作内容',
  company_id: '用人单位', work_pos: '应聘岗位', ad_user_id: '对接人',
  phone: '手机号', verify_code: '短信验证码',
};

const ROW_NAMES: Record<string, string> = { employee_edu: '教育经历', work_exp: '工作经历' };

export const EDUCATION_ROWS = { min: 1, max: 10 };
export const WORK_ROWS = { min: 1, max: 20 };
export const MIN_AGE = 16;
export const MAX_AGE = 100;

/** The server's patterns, with its messages. */
const MOBILE = { regex: /^1[3-9]\d{9}$/, message: '应为 11 位中国大陆手机号' };
const CONTACT_PHONE = { regex: /^[0-9+\-() ]{5,32}$/, message: '应为电话号码' };
const SMS_CODE = { regex: /^\d{6}$/, message: '应为 6 位数字' };
const YEAR_MONTH = { regex: /^\d{4}-(0[1-9]|1[0-2])$/, message: '应为 YYYY-MM 格式的年月' };

const REQUIRED = '不能为空';
const CHOOSE = '请选择';

interface TextRule {
  max: number;
  required?: boolean;
  pattern?: { regex: RegExp; message: string };
}

/** class-validator's MaxLength counts characters (code points), after the server trimmed the value. */
const length = (value: string) => [...value].length;

/** The first problem of a text value under a rule (RequiredText / OptionalText), or null. */
export function checkText(value: string | null | undefined, rule: TextRule): string | null {
  const text = (value ?? '').trim();
  if (!text) return rule.required ? REQUIRED : null;
  if (length(text) > rule.max) return `最多 ${rule.max} 个字`;
  if (rule.pattern && !rule.pattern.regex.test(text)) return rule.pattern.message;
  return null;
}

export const isMobile = (phone: string): boolean => MOBILE.regex.test(phone.trim());

/** The problem with a phone number to send an SMS code to, or null. */
export const checkMobile = (phone: string): string | null => checkText(phone, { max: 16, required: true, pattern: MOBILE });

export function emptyEducation(): EducationRow {
  return { school: '', major: '', edu_type: '', start_date: '', end_date: '' };
}

export function emptyWork(): WorkRow {
  return { company_name: '', position: '', start_date: '', end_date: '', description: '' };
}

export function emptyForm(): ResumeForm {
  return {
    real_name: '', id_number: '', nation: '', marital_sts: '', political_sts: '', acct_type: '',
    acct_region: null, acct_addr: '', region: null, addr: '',
    em_contact_name: '', em_contact_phone: '', em_contact_relationship: '',
    id_card_front: '', id_card_back: '',
    employee_edu: [emptyEducation()], work_exp: [emptyWork()],
    company_id: 0, work_pos: '', ad_user_id: 0,
    phone: '', verify_code: '',
  };
}

export const EDUCATION_FIELDS: Record<keyof EducationRow, TextRule> = {
  school: { max: 64, required: true },
  major: { max: 64, required: true },
  edu_type: { max: 32, required: true },
  start_date: { max: 7, required: true, pattern: YEAR_MONTH },
  end_date: { max: 7, required: true, pattern: YEAR_MONTH },
};

export const WORK_FIELDS: Record<keyof WorkRow, TextRule> = {
  company_name: { max: 64, required: true },
  position: { max: 32, required: true },
  start_date: { max: 7, required: true, pattern: YEAR_MONTH },
  end_date: { max: 7, required: true, pattern: YEAR_MONTH },
  description: { max: 500 },
};

/** Text fields of the form proper, with the DTO's rules. */
const TEXT_FIELDS: Partial<Record<FormKey, TextRule>> = {
  real_name: { max: 16, required: true },
  acct_addr: { max: 16 },
  addr: { max: 255 },
  em_contact_name: { max: 16 },
  em_contact_phone: { max: 32, pattern: CONTACT_PHONE },
  em_contact_relationship: { max: 32 },
  work_pos: { max: 16, required: true },
  phone: { max: 16, required: true, pattern: MOBILE },
};

/** The names of a region pick, with the DTO's limits on each level. */
const REGION_NAMES = {
  acct_region: [['acct_prc_name', 16], ['acct_city_name', 12], ['acct_coy_name', 255]],
  region: [['province_name', 12], ['city_name', 12], ['county_name', 255]],
} as const;

/** Choices that are dictionary keys the server reads as integers (RequiredInt oneOf). */
const CHOICES: [FormKey, string[]][] = [
  ['marital_sts', ['1', '2', '3']],
  ['political_sts', ['1', '2', '3']],
  ['acct_type', ['0', '1']],
];

export interface ValidationContext {
  today: Date;
  /** Whether an SMS code must come with the resume: always for a new one, for an edit only when the phone changed. */
  needsVerifyCode: boolean;
}

function checkRows<T extends object>(name: 'employee_edu' | 'work_exp', rows: T[], rules: Record<keyof T, TextRule>, size: { min: number; max: number }, errors: FieldErrors): void {
  if (rows.length < size.min) errors[name] = `至少填写 ${size.min} 条`;
  if (rows.length > size.max) errors[name] = `最多 ${size.max} 条`;
  rows.forEach((row, i) => {
    for (const field of Object.keys(rules) as (keyof T & string)[]) {
      const problem = checkText(row[field] as string, rules[field]);
      if (problem) errors[`${name}[${i}].${field}`] = field === 'edu_type' && problem === REQUIRED ? CHOOSE : problem;
    }
    const { start_date: start, end_date: end } = row as unknown as { start_date: string; end_date: string };
    if (start && end && end < start && !errors[`${name}[${i}].end_date`]) errors[`${name}[${i}].end_date`] = '不能早于开始年月';
  });
}

/** Every problem of the form, each on the field the server would name, in the order of the form. */
export function validateResume(form: ResumeForm, context: ValidationContext): FieldErrors {
  const errors: FieldErrors = {};
  const text = (field: FormKey) => {
    const problem = checkText(form[field] as string, TEXT_FIELDS[field]!);
    if (problem) errors[field] = problem;
  };

  text('real_name');
  const facts = form.id_number.trim() ? parseIdNumber(form.id_number, context.today) : REQUIRED;
  if (typeof facts === 'string') errors.id_number = facts;
  else if (facts.age < MIN_AGE) errors.age = `年满 ${MIN_AGE} 周岁才能申请（按身份证号码为 ${facts.age} 岁）`;
  else if (facts.age > MAX_AGE) errors.age = `不能大于 ${MAX_AGE}`;
  if (!form.nation) errors.nation = CHOOSE;
  for (const [field, keys] of CHOICES) if (!keys.includes(form[field] as string)) errors[field] = CHOOSE;

  for (const pick of ['acct_region', 'region'] as const) {
    REGION_NAMES[pick].forEach(([field, max], level) => {
      const problem = checkText(form[pick]?.names[level], { max });
      if (problem) errors[field] = problem;
    });
    if (pick === 'acct_region') text('acct_addr');
  }
  text('addr');
  text('em_contact_name');
  text('em_contact_phone');
  text('em_contact_relationship');

  if (!form.id_card_front) errors.id_card_front = '请拍摄身份证人像面';
  if (!form.id_card_back) errors.id_card_back = '请拍摄身份证国徽面';
  else if (form.id_card_back === form.id_card_front) errors.id_card_back = '正反面不能是同一张照片';

  checkRows('employee_edu', form.employee_edu, EDUCATION_FIELDS, EDUCATION_ROWS, errors);
  checkRows('work_exp', form.work_exp, WORK_FIELDS, WORK_ROWS, errors);

  if (!(form.company_id >= 1)) errors.company_id = CHOOSE;
  if (!form.work_pos) errors.work_pos = CHOOSE;
  else text('work_pos');
  if (!(form.ad_user_id >= 1)) errors.ad_user_id = CHOOSE;

  text('phone');
  const code = checkText(form.verify_code, { max: 6, required: context.needsVerifyCode, pattern: SMS_CODE });
  if (code) errors.verify_code = code;
  return errors;
}

/** `employee_edu[1].school` → 'employee_edu'; `phone` → 'phone'. */
const baseField = (field: string) => field.replace(/[[.].*$/, '');

/** The index of the section that holds a server field, or -1 for a field the form does not show. */
export function sectionOf(field: string): number {
  const base = baseField(field);
  return SECTIONS.findIndex((section) => section.fields.includes(base));
}

/** How many problems each section still has, by section index. */
export function problemsBySection(errors: FieldErrors): number[] {
  const counts = SECTIONS.map(() => 0);
  for (const field of Object.keys(errors)) {
    const index = sectionOf(field);
    if (index >= 0) counts[index] += 1;
  }
  return counts;
}

/** A field's name as the worker reads it: `work_exp[1].position` → '第 2 段工作经历的职位'. */
export function fieldLabel(field: string): string {
  const row = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(field);
  if (row) return `第 ${Number(row[2]) + 1} 段${ROW_NAMES[row[1]] ?? ''}的${LABELS[row[3]] ?? row[3]}`;
  return LABELS[baseField(field)] ?? field;
}

export type SectionState = 'todo' | 'done' | 'optional';

export interface SectionStatus {
  problems: number;
  state: SectionState;
}

const isBlank = (value: unknown) => value === null || value === '' || value === 0 || (Array.isArray(value) && value.length === 0);

/** Per section: how many problems it has, and whether it is done, still to do, or optional and untouched. */
export function sectionStates(form: ResumeForm, errors: FieldErrors): SectionStatus[] {
  const counts = problemsBySection(errors);
  return SECTIONS.map((section, i) => {
    if (counts[i]) return { problems: counts[i], state: 'todo' };
    const untouched = section.optional?.every((key) => isBlank(form[key]));
    return { problems: 0, state: untouched ? 'optional' : 'done' };
  });
}

export interface MissingSummary {
  section: number;
  title: string;
  /** The fields still missing or wrong, by name: '姓名、身份证号码等 3 项'. */
  text: string;
}

/** Labels listed per section before the rest is counted. */
const SUMMARY_LABELS = 3;

/** What is still missing or wrong, one line per section, for the summary above the submit button. */
export function missingSummary(errors: FieldErrors): MissingSummary[] {
  const bySection = new Map<number, string[]>();
  for (const field of Object.keys(errors)) {
    const section = sectionOf(field);
    const labels = bySection.get(section) ?? [];
    const label = fieldLabel(field);
    if (!labels.includes(label)) labels.push(label);
    bySection.set(section, labels);
  }
  return [...bySection.entries()]
    .sort(([a], [b]) => a - b)
    .map(([section, labels]) => ({
      section,
      title: SECTIONS[section]?.title ?? '其他',
      text: labels.length > SUMMARY_LABELS ? `${labels.slice(0, SUMMARY_LABELS).join('、')}等 ${labels.length} 项` : labels.join('、'),
    }));
}

/** The server fields that the form fills from one region pick. */
const REGION_KEYS: Record<string, FormKey> = Object.fromEntries([
  ...['acct_prc_id', 'acct_prc_name', 'acct_city_id', 'acct_city_name', 'acct_coy_id', 'acct_coy_name'].map((f) => [f, 'acct_region']),
  ...['province_id', 'province_name', 'city_id', 'city_name', 'county_id', 'county_name'].map((f) => [f, 'region']),
]);

/**
 * The input that controls a server field: the field itself, the region pick that fills it, the ID
 * number for age and gender, and for a history row the row's field path as it is.
 */
export function inputOf(field: string): string {
  if (/^\w+\[\d+\]\.\w+$/.test(field)) return field;
  const base = baseField(field);
  return REGION_KEYS[base] ?? (base === 'age' || base === 'gender' ? 'id_number' : base);
}

/**
 * The field an error of the server belongs on: the one its message names, or, for the errors that
 * name none, the field the worker has to change.
 */
const FIELD_OF_CODE: Partial<Record<ErrorCode, string>> = {
  12002: 'verify_code', // SmsCodeInvalid
  12003: 'verify_code', // SmsCodeAttemptsExceeded
  13003: 'phone', // PhoneTaken
  13004: 'id_number', // IdNumberTaken
};

export function fieldOfServerError(error: { status: number; field: string | null }): string | null {
  return error.field ?? FIELD_OF_CODE[error.status as ErrorCode] ?? null;
}

const blankToNull = (value: string) => value.trim() || null;

function regionFields(pick: RegionPick | null, ids: [string, string, string], names: [string, string, string]): Record<string, number | string | null> {
  const fields: Record<string, number | string | null> = {};
  for (let level = 0; level < 3; level += 1) {
    const code = pick?.codes[level];
    fields[ids[level]] = code && /^\d+$/.test(code) ? Number(code) : null;
    fields[names[level]] = pick?.names[level] || null;
  }
  return fields;
}

/**
 * The body of POST/PUT /employee from a form that passed validateResume: age and gender come from
 * the ID number, the SMS code only when one is needed.
 */
export function toEmployeeRequest(form: ResumeForm, context: ValidationContext): EmployeeRequest {
  const facts = parseIdNumber(form.id_number, context.today);
  if (typeof facts === 'string') throw new Error(`id_number: ${facts}`);
  const trimRow = <T extends object>(row: T): T =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])) as T;
  return {
    real_name: form.real_name.trim(),
    phone: form.phone.trim(),
    id_number: normalizeIdNumber(form.id_number),
    age: facts.age,
    gender: facts.gender,
    nation: form.nation,
    marital_sts: Number(form.marital_sts) as MaritalStatus,
    political_sts: Number(form.political_sts) as PoliticalStatus,
    acct_type: Number(form.acct_type) as HouseholdType,
    ...regionFields(form.acct_region, ['acct_prc_id', 'acct_city_id', 'acct_coy_id'], ['acct_prc_name', 'acct_city_name', 'acct_coy_name']),
    acct_addr: blankToNull(form.acct_addr),
    ...regionFields(form.region, ['province_id', 'city_id', 'county_id'], ['province_name', 'city_name', 'county_name']),
    addr: blankToNull(form.addr),
    em_contact_name: blankToNull(form.em_contact_name),
    em_contact_phone: blankToNull(form.em_contact_phone),
    em_contact_relationship: blankToNull(form.em_contact_relationship),
    id_card_front: form.id_card_front,
    id_card_back: form.id_card_back,
    company_id: form.company_id,
    work_pos: form.work_pos,
    ad_user_id: form.ad_user_id,
    employee_edu: form.employee_edu.map(trimRow),
    work_exp: form.work_exp.map(trimRow),
    ...(context.needsVerifyCode ? { verify_code: form.verify_code.trim() } : {}),
  };
}

function regionPick(ids: (number | null | undefined)[], names: (string | null | undefined)[]): RegionPick | null {
  if (!names.some(Boolean)) return null;
  return { codes: ids.map((id) => (id == null ? '' : String(id))), names: names.map((name) => name ?? '') };
}

/** The form filled with a resume the server holds (to edit it); the SMS code is always typed anew. */
export function formFromEmployee(employee: EmployeeResponse): ResumeForm {
  const e = employee;
  return {
    real_name: e.real_name, id_number: e.id_number, nation: e.nation,
    marital_sts: String(e.marital_sts), political_sts: String(e.political_sts), acct_type: String(e.acct_type),
    acct_region: regionPick([e.acct_prc_id, e.acct_city_id, e.acct_coy_id], [e.acct_prc_name, e.acct_city_name, e.acct_coy_name]),
    acct_addr: e.acct_addr ?? '',
    region: regionPick([e.province_id, e.city_id, e.county_id], [e.province_name, e.city_name, e.county_name]),
    addr: e.addr ?? '',
    em_contact_name: e.em_contact_name ?? '', em_contact_phone: e.em_contact_phone ?? '', em_contact_relationship: e.em_contact_relationship ?? '',
    id_card_front: e.id_card_front, id_card_back: e.id_card_back,
    employee_edu: e.employee_edu.map((row) => ({ ...row })),
    work_exp: e.work_exp.map((row) => ({ ...row, description: row.description ?? '' })),
    company_id: e.company_id, work_pos: e.work_pos, ad_user_id: e.ad_user_id,
    phone: e.phone, verify_code: '',
  };
}

/** Gender as the worker reads it. */
export const GENDER_NAMES: Record<Gender.Male | Gender.Female, string> = { 1: '男', 2: '女' };

/** ErrorCode.PrefillNotFound: the recruiting system handed over nobody with this phone (the enum is type-only here). */
export const PREFILL_NOT_FOUND = 13007;

const blankRow = (row: object): boolean => Object.values(row).every((value) => value === '' || value === null || value === undefined);

/**
 * What the recruiting system's data adds to the form: only fields the worker has left empty, so
 * nothing typed is ever overwritten; history lists only when the worker has none of their own.
 */
export function prefillPatch(form: ResumeForm, prefill: EmployeePrefillResponse): Partial<ResumeForm> {
  const patch: Partial<ResumeForm> = {};
  const text = { real_name: prefill.real_name, id_number: prefill.id_number, nation: prefill.nation, work_pos: prefill.work_pos } as const;
  for (const [key, value] of Object.entries(text) as [keyof typeof text, string | null][]) {
    if (value && !form[key].trim()) patch[key] = value;
  }
  if (prefill.employee_edu.length && form.employee_edu.every(blankRow)) patch.employee_edu = prefill.employee_edu.map((row) => ({ ...row }));
  if (prefill.work_exp.length && form.work_exp.every(blankRow)) patch.work_exp = prefill.work_exp.map((row) => ({ ...row, description: row.description ?? '' }));
  return patch;
}
