import type { DictEntry, EmployeeResponse } from '@shanqian/shared';

export interface ResumeRow {
  label: string;
  value: string;
}

export interface ResumeSection {
  title: string;
  rows: ResumeRow[];
}

/** Labels of the coded resume fields, from the same /dict entries the form's pickers show. */
export interface ResumeLabels {
  gender: DictEntry[];
  marital: DictEntry[];
  political: DictEntry[];
  household: DictEntry[];
  education: DictEntry[];
}

const EMPTY = '未填写';

const label = (entries: DictEntry[], key: string | number): string => entries.find((e) => e.dict_key === String(key))?.dict_value ?? String(key);
const joined = (...parts: (string | null | undefined)[]): string => parts.filter(Boolean).join(' ') || EMPTY;
/** The worker's own number, still masked on screen: phones are shown to people nearby. */
const maskIdNumber = (id: string): string => (id.length > 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : id);

/** The resume as read-only sections, in the order the form asks for it. */
export function resumeSections(e: EmployeeResponse, labels: ResumeLabels): ResumeSection[] {
  return [
    {
      title: '身份信息',
      rows: [
        { label: '姓名', value: e.real_name },
        { label: '身份证号', value: maskIdNumber(e.id_number) },
        { label: '性别', value: label(labels.gender, e.gender) },
        { label: '年龄', value: `${e.age} 岁` },
        { label: '民族', value: e.nation },
        { label: '婚姻状况', value: label(labels.marital, e.marital_sts) },
        { label: '政治面貌', value: label(labels.political, e.political_sts) },
        { label: '手机号', value: e.phone },
      ],
    },
    {
      title: '户籍与现住址',
      rows: [
        { label: '户口类型', value: label(labels.household, e.acct_type) },
        { label: '户籍地', value: joined(e.acct_prc_name, e.acct_city_name, e.acct_coy_name, e.acct_addr) },
        { label: '现住址', value: joined(e.province_name, e.city_name, e.county_name, e.addr) },
      ],
    },
    {
      title: '紧急联系人',
      rows: [
        { label: '姓名', value: e.em_contact_name || EMPTY },
        { label: '电话', value: e.em_contact_phone || EMPTY },
        { label: '关系', value: e.em_contact_relationship || EMPTY },
      ],
    },
    {
      title: '学历',
      rows: e.employee_edu.map((edu) => ({
        label: label(labels.education, edu.edu_type),
        value: `${edu.school} ${edu.major}（${edu.start_date} 至 ${edu.end_date}）`,
      })),
    },
    {
      title: '工作经历',
      rows: e.work_exp.map((work) => ({
        label: `${work.start_date} 至 ${work.end_date}`,
        value: `${work.company_name} · ${work.position}`,
      })),
    },
    {
      title: '应聘信息',
      rows: [
        { label: '用人单位', value: e.company.company_name },
        { label: '应聘岗位', value: e.work_pos },
        { label: '负责 HR', value: e.handler.name },
      ],
    },
  ];
}
