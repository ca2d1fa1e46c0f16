import { SignApplicationStatus } from '@shanqian/shared';
import { MiniProgramClient } from '../test/api-client';
import { residentId, TINY_PNG, uniquePhone, validResume } from '../test/fixtures';
import { ageOn } from './id-number';
import { startTestApp, TestApp } from '../test/test-app';
import { SignApplicationEvent } from '../applications/sign-application-event.entity';
import { SignApplication } from '../applications/sign-application.entity';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { VerificationKeys } from '../verification/verification-keys.service';
import { Employee } from './employee.entity';

/** `employee_edu[0][school]=…`, the way form serialisers with indices (qs, jQuery) write arrays of objects. */
function bracketForm(body: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) {
    if (!Array.isArray(value)) form.append(key, String(value));
    else value.forEach((row: Record<string, string>, i) => Object.entries(row).forEach(([field, v]) => form.append(`${key}[${i}][${field}]`, v)));
  }
  return form.toString();
}

const TABLES = ['employee', 'employee_edu', 'work_exp', 'sign_apply', 'sign_apply_event'];

describe('resume and application: /employee and /em_status', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  async function rowCounts(): Promise<number[]> {
    return Promise.all(TABLES.map(async (table) => Number((await t.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n)));
  }

  async function worker(): Promise<MiniProgramClient> {
    const client = new MiniProgramClient(t);
    await client.login();
    return client;
  }

  /** A worker whose resume was accepted, with the body it sent. */
  async function applied(): Promise<{ client: MiniProgramClient; body: Record<string, unknown> }> {
    const client = await worker();
    const body = await validResume(client);
    body.verify_code = await client.smsCode(body.phone as string);
    await client.postForm('/employee', body).expect(200);
    return { client, body };
  }

  /** Lets the phone receive another SMS code at once, as if its 60 s wait were over. */
  async function aMinuteLater(phone: string): Promise<void> {
    await t.app.get<KvStore>(KV_STORE).delete(t.app.get(VerificationKeys).phoneCooldown(phone));
  }

  async function setStatus(client: MiniProgramClient, status: SignApplicationStatus, reason: string | null = null): Promise<void> {
    const employeeId = (await client.get('/employee').expect(200)).body.data.id;
    await t.db.getRepository(SignApplication).update({ employeeId }, { status, reason });
  }

  it('takes a resume, creates the application with status 1, and shows it in /em_status and GET /employee', async () => {
    const client = new MiniProgramClient(t);
    await client.login('first');
    expect((await client.get('/em_status').expect(200)).body).toEqual({
      status: 0,
      msg: '',
      data: { reason: '', company_name: '', status: 0, verify_status: 0, verify_reason: '' },
    });
    const body = await validResume(client);
    body.verify_code = await client.smsCode(body.phone as string);
    const res = await client.postForm('/employee', body).set({ 'X-city': encodeURIComponent('郑州'), 'X-location': '113.62,34.75' }).expect(200);
    expect(res.body).toEqual({ status: 0, msg: '', data: null });

    const companies = (await client.get('/companies')).body.data;
    expect((await client.get('/em_status').expect(200)).body.data).toEqual({
      reason: '',
      company_name: companies[0].company_name,
      status: 1,
      verify_status: 0,
      verify_reason: '',
    });

    const resume = (await client.get('/employee').expect(200)).body.data;
    expect(resume).toMatchObject({
      real_name: '王小明',
      phone: body.phone,
      id_number: body.id_number,
      nation: '汉族',
      acct_prc_name: '河南省',
      company_id: companies[0].id,
      company: companies[0],
      handler: { id: body.ad_user_id, name: expect.any(String) },
      work_pos: body.work_pos,
      status: 1,
      reason: '',
      employee_edu: [{ school: '郑州大学', major: '机械工程', edu_type: 'bachelor', start_date: '2013-09', end_date: '2017-06' }],
      work_exp: [{ company_name: '富士康', position: '普工', start_date: '2017-07', end_date: '2020-12', description: '装配线' }],
    });
    // Fresh signed links that open without any header, for GET and HEAD
    await t.http().head(new URL(resume.id_card_back).pathname + new URL(resume.id_card_back).search).expect(200);
    const photo = await t.http().get(new URL(resume.id_card_front).pathname + new URL(resume.id_card_front).search).expect(200);
    expect(Buffer.compare(photo.body, TINY_PNG)).toBe(0);
    const signature = new URL(resume.id_card_front).searchParams.get('sig')!;
    expect(JSON.stringify(t.logs.lines)).not.toContain(signature);
    expect(JSON.stringify(t.logs.lines)).toContain('sig=[redacted]');
    expect(JSON.stringify(t.logs.lines)).not.toContain(body.id_number as string);

    // The ID number is encrypted at rest, and the application remembers where it was made
    const stored = await t.db.getRepository(Employee).findOneByOrFail({ phone: body.phone as string });
    expect(stored.idNumberEnc).not.toContain(body.id_number as string);
    expect(stored.idNumberHash).toMatch(/^[0-9a-f]{64}$/);
    const application = await t.db.getRepository(SignApplication).findOneByOrFail({ employeeId: stored.id });
    expect(application).toMatchObject({ status: 1, applyCity: '郑州', applyLng: 113.62, applyLat: 34.75, version: 1 });
    const events = await t.db.getRepository(SignApplicationEvent).findBy({ applicationId: application.id });
    expect(events).toMatchObject([{ event: 'applied', fromStatus: null, toStatus: 1, actorType: 'employee', city: '郑州' }]);

    // The next login of the same person finds the resume
    expect((await new MiniProgramClient(t).login('first.2')).em_id).toBe(stored.id);
  });

  it('accepts the arrays in bracket notation and the whole body as JSON', async () => {
    const bracket = await worker();
    const body = await validResume(bracket);
    body.employee_edu = JSON.parse(body.employee_edu as string);
    body.work_exp = JSON.parse(body.work_exp as string);
    body.verify_code = await bracket.smsCode(body.phone as string);
    const sent = await bracket.request('post', '/employee').type('form').send(bracketForm(body));
    expect(sent.body).toEqual({ status: 0, msg: '', data: null });
    expect((await bracket.get('/employee')).body.data.employee_edu[0].school).toBe('郑州大学');

    const json = await worker();
    const jsonBody = await validResume(json);
    jsonBody.verify_code = await json.smsCode(jsonBody.phone as string);
    await json.request('post', '/employee').send({ ...jsonBody, employee_edu: JSON.parse(jsonBody.employee_edu as string), work_exp: JSON.parse(jsonBody.work_exp as string) }).expect(200);
    expect((await json.get('/em_status')).body.data.status).toBe(1);
  });

  it('answers 409 to a second POST, and to a phone or ID number of another person, writing nothing', async () => {
    const { client, body } = await applied();
    const before = await rowCounts();
    expect((await client.postForm('/employee', body).expect(409)).body.status).toBe(13001);

    const other = await worker();
    const samePhone = await validResume(other, { phone: body.phone });
    await aMinuteLater(body.phone as string);
    samePhone.verify_code = await other.smsCode(body.phone as string);
    expect((await other.postForm('/employee', samePhone).expect(409)).body.status).toBe(13003);

    const sameId = await validResume(other, { id_number: body.id_number });
    sameId.verify_code = await other.smsCode(sameId.phone as string);
    expect((await other.postForm('/employee', sameId).expect(409)).body.status).toBe(13004);
    expect(await rowCounts()).toEqual(before);
  });

  it('takes many resumes at once, and of two people racing with one ID number exactly one gets it', async () => {
    const workers = await Promise.all(Array.from({ length: 6 }, () => worker()));
    const bodies = await Promise.all(workers.map((w) => validResume(w)));
    for (const [i, w] of workers.entries()) bodies[i].verify_code = await w.smsCode(bodies[i].phone as string);
    const answers = await Promise.all(workers.map((w, i) => w.postForm('/employee', bodies[i])));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    for (const w of workers) expect((await w.get('/em_status')).body.data.status).toBe(1);

    // Two people with one ID number pass every check at the same moment: the unique index decides.
    const [a, b] = await Promise.all([worker(), worker()]);
    const idNumber = residentId('1990-03-03', true);
    const [bodyA, bodyB] = await Promise.all([a, b].map((w) => validResume(w, { id_number: idNumber, age: ageOn('1990-03-03') })));
    bodyA.verify_code = await a.smsCode(bodyA.phone as string);
    bodyB.verify_code = await b.smsCode(bodyB.phone as string);
    const before = await rowCounts();
    const race = await Promise.all([a.postForm('/employee', bodyA), b.postForm('/employee', bodyB)]);
    expect(race.map((r) => r.body.status).sort()).toEqual([0, 13004]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = await rowCounts();
    expect(after.map((n, i) => n - before[i])).toEqual([1, 1, 1, 1, 1]);
  });

  describe('bad input: a 400 naming the field, nothing written', () => {
    let client: MiniProgramClient;
    let body: Record<string, unknown>;
    beforeAll(async () => {
      client = await worker();
      body = await validResume(client);
    });

    const femaleId = residentId('1995-06-15', false);
    it.each<[string, Record<string, unknown>, string]>([
      ['missing real_name', { real_name: '' }, 'real_name'],
      ['real_name over 16', { real_name: '王'.repeat(17) }, 'real_name'],
      ['a landline as phone', { phone: '02188888888' }, 'phone'],
      ['a wrong check digit', { id_number: '110101199506150011' }, 'id_number'],
      ['a 15-digit ID number', { id_number: '110101950615001' }, 'id_number'],
      ['age not matching the ID number', { age: ageOn('1995-06-15') + 1 }, 'age'],
      ['gender not matching the ID number', { id_number: femaleId }, 'gender'],
      ['under 16', { id_number: residentId('2015-01-01', true), age: ageOn('2015-01-01') }, 'age'],
      ['unknown nation', { nation: '火星族' }, 'nation'],
      ['marital_sts 4', { marital_sts: 4 }, 'marital_sts'],
      ['political_sts text', { political_sts: 'abc' }, 'political_sts'],
      ['acct_type 2', { acct_type: 2 }, 'acct_type'],
      ['acct_addr over 16', { acct_addr: '一'.repeat(17) }, 'acct_addr'],
      ['acct_prc_id not a number', { acct_prc_id: 'x1' }, 'acct_prc_id'],
      ['no education', { employee_edu: '[]' }, 'employee_edu'],
      ['education not JSON', { employee_edu: '[{school' }, 'employee_edu'],
      ['missing work history', { work_exp: undefined }, 'work_exp'],
      ['unknown edu_type', { employee_edu: JSON.stringify([{ school: 'a', major: 'b', edu_type: 'phd?', start_date: '2010-09', end_date: '2014-06' }]) }, 'employee_edu[0].edu_type'],
      ['education month 13', { employee_edu: JSON.stringify([{ school: 'a', major: 'b', edu_type: 'bachelor', start_date: '2010-13', end_date: '2014-06' }]) }, 'employee_edu[0].start_date'],
      ['work ending before it starts', { work_exp: JSON.stringify([{ company_name: 'a', position: 'b', start_date: '2019-01', end_date: '2018-01' }]) }, 'work_exp[0].end_date'],
      ['unknown company', { company_id: 99999 }, 'company_id'],
      ['unknown handler', { ad_user_id: 99999 }, 'ad_user_id'],
      ['unknown position', { work_pos: '宇航员' }, 'work_pos'],
      ['a made-up photo URL', { id_card_front: 'http://example.com/x.png' }, 'id_card_front'],
      ['a tampered photo link', { id_card_back: 'tamper' }, 'id_card_back'],
      ['no SMS code', { verify_code: undefined }, 'verify_code'],
    ])('%s', async (_, change, field) => {
      const payload = { ...body, ...change };
      if (change.id_card_back === 'tamper') payload.id_card_back = (body.id_card_back as string).replace(/sig=([0-9a-f])/, (_m, c: string) => `sig=${c === '0' ? '1' : '0'}`);
      for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];
      const before = await rowCounts();
      const res = await client.postForm('/employee', payload).expect(400);
      expect(res.body).toMatchObject({ status: 10001, data: null });
      expect(res.body.msg.slice(0, field.length + 2)).toBe(`${field}: `);
      expect(res.body.msg.length).toBeGreaterThan(field.length + 2);
      expect(await rowCounts()).toEqual(before);
    });

    it('a wrong SMS code is refused and writes nothing', async () => {
      await client.smsCode(body.phone as string);
      const before = await rowCounts();
      const res = await client.postForm('/employee', { ...body, verify_code: '000000' }).expect(400);
      expect(res.body.status).toBe(12002);
      expect(await rowCounts()).toEqual(before);
    });

    it("another worker's ID photo cannot be attached", async () => {
      const other = await worker();
      const theirs = (await other.request('post', '/image').attach('file', TINY_PNG, 'id.png')).body.data.url;
      const res = await client.postForm('/employee', { ...body, id_card_front: theirs, verify_code: '123456' }).expect(400);
      expect(res.body.msg).toMatch(/^id_card_front: /);
    });
  });

  describe('PUT /employee', () => {
    it('updates in status 1 without a new SMS code, replacing the rows and keeping the apply time', async () => {
      const { client, body } = await applied();
      const employeeId = (await client.get('/employee')).body.data.id;
      const appliedAt = (await t.db.getRepository(SignApplication).findOneByOrFail({ employeeId })).applyTime;
      const rows = JSON.stringify([
        { school: '一中', major: '理科', edu_type: 'senior', start_date: '2010-09', end_date: '2013-06' },
        { school: '郑州大学', major: '机械', edu_type: 'bachelor', start_date: '2013-09', end_date: '2017-06' },
      ]);
      await client.putForm('/employee', { ...body, verify_code: undefined, real_name: '王晓明', employee_edu: rows }).expect(200);
      const resume = (await client.get('/employee')).body.data;
      expect(resume.real_name).toBe('王晓明');
      expect(resume.employee_edu.map((r: { school: string }) => r.school)).toEqual(['一中', '郑州大学']);
      expect(resume.status).toBe(1);
      expect((await t.db.getRepository(SignApplication).findOneByOrFail({ employeeId })).applyTime).toEqual(appliedAt);
    });

    it.each([SignApplicationStatus.PendingSignature, SignApplicationStatus.Signed])('is refused with 409 in status %i, changing nothing', async (status) => {
      const { client, body } = await applied();
      await setStatus(client, status);
      const res = await client.putForm('/employee', { ...body, real_name: '李四' }).expect(409);
      expect(res.body.status).toBe(13005);
      expect((await client.get('/employee')).body.data.real_name).toBe('王小明');
    });

    it.each([SignApplicationStatus.Rejected, SignApplicationStatus.Cancelled])('resubmits from status %i: back to 1, reason cleared', async (status) => {
      const { client, body } = await applied();
      await setStatus(client, status, '身份证照片不清晰');
      expect((await client.get('/em_status')).body.data).toMatchObject({ status, reason: '身份证照片不清晰' });
      await client.putForm('/employee', body).expect(200);
      expect((await client.get('/em_status')).body.data).toMatchObject({ status: 1, reason: '' });
      const employeeId = (await client.get('/employee')).body.data.id;
      const application = await t.db.getRepository(SignApplication).findOneByOrFail({ employeeId });
      const events = await t.db.getRepository(SignApplicationEvent).find({ where: { applicationId: application.id }, order: { id: 'ASC' } });
      expect(events.map((e) => [e.event, e.fromStatus, e.toStatus])).toEqual([['applied', null, 1], ['resubmitted', status, 1]]);
    });

    it('needs a fresh SMS code for a new phone', async () => {
      const { client, body } = await applied();
      const phone = uniquePhone();
      expect((await client.putForm('/employee', { ...body, phone, verify_code: undefined }).expect(400)).body.msg).toMatch(/^verify_code: /);
      const code = await client.smsCode(phone);
      await client.putForm('/employee', { ...body, phone, verify_code: code }).expect(200);
      expect((await client.get('/employee')).body.data.phone).toBe(phone);
    });

    it('answers 404 without a resume, as does GET', async () => {
      const client = await worker();
      const body = await validResume(client);
      expect((await client.putForm('/employee', body).expect(404)).body.status).toBe(13002);
      expect((await client.get('/employee').expect(404)).body.status).toBe(13002);
    });
  });
});
