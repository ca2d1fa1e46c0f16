import { PDFDocument, StandardFonts } from 'pdf-lib';
import { ageOn, checkCharacter } from '../../../server/src/employee/id-number';
import { AdminApi, WorkerApi } from './api-clients';
import { type ConsoleServer, SUPER_ADMIN } from './console-server';

/** A 1×1 PNG: the smallest image the upload accepts, for the ID card photos. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** The two HR handlers the server's demo data creates, given passwords here so they can log in. */
export const HR_PASSWORD = 'Handler-e2e-2026';
export type HandlerKey = 'zhang' | 'li';
const HANDLER_USERNAMES: Record<HandlerKey, string> = { zhang: 'hr_zhang', li: 'hr_li' };

/**
 * The applicants, by what each browser spec does with them: a spec takes only its own, so that the
 * specs can run in any order against one server. Every name is unique (the queue's keyword finds it).
 */
export const APPLICANTS = {
  bulkApprove: ['赵一鸣', '钱二丽', '孙三强'],
  queueReject: ['周四海'],
  detailApprove: ['吴五洲'],
  detailReject: ['郑六顺'],
  reveal: ['王七巧'],
  /** Assigned to hr_li: hr_zhang must not see them. */
  ofHandlerLi: ['冯八斗', '陈九思'],
  /** Approved while seeding: waiting for the worker's signature. */
  approved: ['褚十全', '卫明远'],
  rejected: ['蒋文静'],
  /** Enough further rows for a second page at page size 10. */
  others: ['沈嘉怡', '韩志强', '杨晓燕', '朱海波', '秦雨桐', '尤建国', '许丽华', '何俊杰'],
} as const;

export interface SeededApplication {
  id: number;
  name: string;
  phone: string;
  companyId: number;
  handler: HandlerKey;
  /** The worker's mini-program session, for checking what they see (GET /em_status). */
  workerToken: string;
}

export interface DemoData {
  companies: { id: number; name: string }[];
  /** The enabled contract template of each of the first two companies, which are authorized to seal. */
  contracts: { id: number; companyId: number; name: string }[];
  handlers: Record<HandlerKey, { id: number; username: string; name: string }>;
  applications: SeededApplication[];
}

let idSequence = 0;
/** A valid resident ID number (Beijing Dongcheng), different on every call. */
function residentId(birthDate: string, male: boolean): string {
  idSequence++;
  const order = String((idSequence % 499) * 2 + (male ? 1 : 0)).padStart(3, '0');
  const first17 = `110101${birthDate.replace(/-/g, '')}${order}`;
  return first17 + checkCharacter(first17);
}

let phoneSequence = 0;
const phoneOf = () => `1370000${String(++phoneSequence).padStart(4, '0')}`;

/** A one-page contract template (its bytes in an ArrayBuffer of their own, as Blob and writeFile take them). */
export async function contractPdf(title: string): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595.28, 841.89]).drawText(title, { x: 72, y: 770, size: 14, font });
  return new Uint8Array(await doc.save());
}

/** A worker who logs in, uploads the ID photos, verifies the phone and applies: the application waits for HR. */
async function applyAs(server: ConsoleServer, admin: AdminApi, name: string, index: number, companyId: number, handlerId: number): Promise<Omit<SeededApplication, 'handler'>> {
  const worker = new WorkerApi(server);
  await worker.login();
  const photo = async () => {
    const form = new FormData();
    form.append('file', new Blob([TINY_PNG], { type: 'image/png' }), 'id.png');
    return (await worker.request<{ url: string }>('POST', '/image', form)).url;
  };
  const positions = await worker.request<string[]>('GET', '/work_pos');
  const birthDate = `${1985 + (index % 15)}-0${1 + (index % 9)}-1${index % 10}`;
  const male = index % 2 === 0;
  const phone = phoneOf();
  await worker.request('POST', '/employee', {
    real_name: name,
    phone,
    id_number: residentId(birthDate, male),
    age: ageOn(birthDate),
    gender: male ? 1 : 2,
    nation: '汉族',
    marital_sts: 1 + (index % 2),
    political_sts: 3,
    acct_type: index % 2,
    acct_prc_id: 410000,
    acct_prc_name: '河南省',
    acct_city_id: 410100,
    acct_city_name: '郑州市',
    acct_coy_id: 410102,
    acct_coy_name: '中原区',
    acct_addr: `建设路${index + 1}号`,
    province_id: 310000,
    province_name: '上海市',
    city_id: 310100,
    city_name: '上海市',
    county_id: 310115,
    county_name: '浦东新区',
    addr: `张江路${88 + index}号`,
    em_contact_name: `${name.slice(0, 1)}大明`,
    em_contact_phone: '13700000000',
    em_contact_relationship: '父母',
    id_card_front: await photo(),
    id_card_back: await photo(),
    company_id: companyId,
    work_pos: positions[index % positions.length],
    ad_user_id: handlerId,
    employee_edu: JSON.stringify([{ school: '郑州大学', major: '机械工程', edu_type: 'bachelor', start_date: '2003-09', end_date: '2007-06' }]),
    work_exp: JSON.stringify([{ company_name: '富士康', position: '普工', start_date: '2007-07', end_date: '2012-12', description: '装配线' }]),
    verify_code: await worker.smsCode(phone),
  });
  const found = await admin.request<{ list: { id: number }[] }>('GET', `/admin/applications?keyword=${phone}`);
  return { id: found.list[0].id, name, phone, companyId, workerToken: worker.token! };
}

/** An entry date two weeks ahead (China time), inside the server's approval window whenever it runs. */
export function entryDateInTwoWeeks(): string {
  const china = new Date(Date.now() + 8 * 3600_000);
  china.setUTCDate(china.getUTCDate() + 14);
  return china.toISOString().slice(0, 10);
}

/**
 * Demo data through the real APIs, as HR and workers would make it: passwords for the demo handlers,
 * a contract template and the seal authorization for two companies, and the APPLICANTS' applications,
 * some of them already approved or rejected.
 */
export async function seedDemoData(server: ConsoleServer): Promise<DemoData> {
  const admin = new AdminApi(server.baseUrl);
  await admin.login(SUPER_ADMIN.username, SUPER_ADMIN.password);
  const companies = (await admin.request<{ list: { id: number; company_name: string }[] }>('GET', '/admin/companies?page_size=100')).list.map((c) => ({ id: c.id, name: c.company_name }));
  const users = (await admin.request<{ list: { id: number; username: string; name: string; phone: string | null }[] }>('GET', '/admin/users?role=hr&page_size=100')).list;
  const handlers = {} as DemoData['handlers'];
  for (const key of Object.keys(HANDLER_USERNAMES) as HandlerKey[]) {
    const user = users.find((u) => u.username === HANDLER_USERNAMES[key]);
    if (!user) throw new Error(`the demo handler ${HANDLER_USERNAMES[key]} is missing`);
    await admin.request('PUT', `/admin/users/${user.id}`, { name: user.name, phone: user.phone, role: 'hr', password: HR_PASSWORD });
    handlers[key] = { id: user.id, username: user.username, name: user.name };
  }

  const contracts: DemoData['contracts'] = [];
  for (const company of companies.slice(0, 2)) {
    const form = new FormData();
    form.append('contract_name', '劳动合同（标准版）');
    form.append('contract_body', company.name);
    form.append('company_id', String(company.id));
    form.append('sign_year', '3');
    form.append('file', new Blob([await contractPdf(`Labor contract of ${company.id}`)], { type: 'application/pdf' }), 'contract.pdf');
    const contract = await admin.request<{ id: number }>('POST', '/admin/contracts', form);
    await admin.request('POST', `/admin/companies/${company.id}/seal-authorization`, { enabled: true, password: SUPER_ADMIN.password });
    contracts.push({ id: contract.id, companyId: company.id, name: '劳动合同（标准版）' });
  }

  const plan: { name: string; company: number; handler: HandlerKey }[] = [
    ...[...APPLICANTS.bulkApprove, ...APPLICANTS.queueReject, ...APPLICANTS.detailApprove, ...APPLICANTS.detailReject, ...APPLICANTS.reveal].map((name) => ({ name, company: 0, handler: 'zhang' as const })),
    ...APPLICANTS.ofHandlerLi.map((name) => ({ name, company: 1, handler: 'li' as const })),
    ...[...APPLICANTS.approved, ...APPLICANTS.rejected].map((name) => ({ name, company: 0, handler: 'zhang' as const })),
    ...APPLICANTS.others.map((name, i) => ({ name, company: i % 3, handler: 'zhang' as const })),
  ];
  const applications: SeededApplication[] = [];
  for (const [index, entry] of plan.entries()) {
    const applied = await applyAs(server, admin, entry.name, index, companies[entry.company].id, handlers[entry.handler].id);
    applications.push({ ...applied, handler: entry.handler });
  }

  const byName = (name: string) => applications.find((a) => a.name === name)!;
  for (const name of APPLICANTS.approved) {
    await admin.request('POST', `/admin/applications/${byName(name).id}/approve`, { contract_id: contracts[0].id, salary: '6800.00', entry_date: entryDateInTwoWeeks() });
  }
  for (const name of APPLICANTS.rejected) {
    await admin.request('POST', `/admin/applications/${byName(name).id}/reject`, { reason: '岗位已招满' });
  }
  return { companies, contracts, handlers, applications };
}
