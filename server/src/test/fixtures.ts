import { ageOn, checkCharacter } from '../employee/id-number';
import { MiniProgramClient } from './api-client';

/** A 1×1 PNG: the smallest real image the upload accepts. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let sequence = 0;

/** A valid resident ID number (Beijing Dongcheng) for a birth date and sex, different on every call. */
export function residentId(birthDate: string, male: boolean): string {
  sequence = (sequence + 1) % 50;
  const order = String(sequence * 2 + (male ? 1 : 0)).padStart(3, '0');
  const first17 = `110101${birthDate.replace(/-/g, '')}${order}`;
  return first17 + checkCharacter(first17);
}

export function uniquePhone(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** Uploads both ID photos and answers a complete, valid resume body for the client's user. */
export async function validResume(client: MiniProgramClient, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const upload = async () => (await client.request('post', '/image').attach('file', TINY_PNG, 'id.png').expect(200)).body.data.url as string;
  const companies = (await client.get('/companies').expect(200)).body.data;
  const handlers = (await client.get('/handlers').expect(200)).body.data;
  const positions = (await client.get('/work_pos').expect(200)).body.data;
  return {
    real_name: '王小明',
    phone: uniquePhone(),
    id_number: residentId('1995-06-15', true),
    age: ageOn('1995-06-15'),
    gender: 1,
    nation: '汉族',
    marital_sts: 1,
    political_sts: 3,
    acct_type: 0,
    acct_prc_id: 410000,
    acct_prc_name: '河南省',
    acct_city_id: 410100,
    acct_city_name: '郑州市',
    acct_coy_id: 410102,
    acct_coy_name: '中原区',
    acct_addr: '建设路1号',
    province_id: 310000,
    province_name: '上海市',
    city_id: 310100,
    city_name: '上海市',
    county_id: 310115,
    county_name: '浦东新区',
    addr: '张江路88号',
    em_contact_name: '王大明',
    em_contact_phone: '13700000000',
    em_contact_relationship: '父母',
    id_card_front: await upload(),
    id_card_back: await upload(),
    company_id: companies[0].id,
    work_pos: positions[0],
    ad_user_id: handlers[0].id,
    employee_edu: JSON.stringify([{ school: '郑州大学', major: '机械工程', edu_type: 'bachelor', start_date: '2013-09', end_date: '2017-06' }]),
    work_exp: JSON.stringify([{ company_name: '富士康', position: '普工', start_date: '2017-07', end_date: '2020-12', description: '装配线' }]),
    ...overrides,
  };
}
