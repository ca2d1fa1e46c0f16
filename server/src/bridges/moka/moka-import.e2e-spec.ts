import { ErrorCode, Gender } from '@shanqian/shared';
import { AuditLog } from '../../admin/audit-log.entity';
import { KV_STORE, KvStore } from '../../common/kv/kv-store';
import { SecretsService } from '../../common/crypto/secrets.service';
import { MiniProgramClient } from '../../test/api-client';
import { FAKE_OFFER_CUSTOM_FIELDS, fakeMokaApplication } from '../../test/fake-moka.server';
import { residentId, uniquePhone, validResume } from '../../test/fixtures';
import { MOKA_BASIC_AUTH, MokaTestApp, startMokaTestApp } from '../../test/moka-test-app';
import { VerificationKeys } from '../../verification/verification-keys.service';
import { Employee } from '../../employee/employee.entity';
import { ageOn } from '../../employee/id-number';
import { MokaCandidate } from './moka-candidate.entity';

const LIST = '/v1/data/ehrApplications';

describe('Moka bridge: import of offers, prefill, offer fields', () => {
  let m: MokaTestApp;
  beforeAll(async () => (m = await startMokaTestApp()));
  afterAll(() => m.close());
  afterEach(() => m.expectPaced());
  afterEach(() => {
    m.moka.applications.length = 0;
    m.moka.requests.length = 0;
  });

  const candidates = () => m.t.db.getRepository(MokaCandidate);
  const importStage = (body: object) => m.admin.post('/admin/bridges/moka/import', body);

  it('follows `next` through every page with the key as Basic user name, and creates one record per application', async () => {
    const apps = Array.from({ length: 45 }, (_, i) =>
      fakeMokaApplication({ phone: uniquePhone(), movedAt: new Date(Date.UTC(2026, 2, 1, 0, i)).toISOString() }),
    );
    m.moka.applications.push(...apps, fakeMokaApplication({ stage: 'pending_checkin', phone: uniquePhone() }));

    const res = await importStage({ stage: 'offer' }).expect(200);
    expect(res.body.data).toEqual({ imported: 45, updated: 0, skipped: 0, failed: [] });

    // Newest first, 20 a page, the cursor being the last application of the page before.
    const newestFirst = [...apps].reverse().map((app) => String(app.applicationId));
    const pages = m.moka.received('GET', LIST);
    expect(pages.map((r) => Object.fromEntries(r.url.searchParams))).toEqual([
      { stage: 'offer', limit: '20' },
      { stage: 'offer', limit: '20', next: newestFirst[19] },
      { stage: 'offer', limit: '20', next: newestFirst[39] },
    ]);
    for (const page of pages) expect(page.headers.authorization).toBe(MOKA_BASIC_AUTH);
    const stored = await candidates().find();
    expect(stored.map((c) => c.mokaApplicationId).sort()).toEqual(newestFirst.sort());
    const [audit] = await m.t.db.getRepository(AuditLog).find({ where: { action: 'moka.import' }, order: { id: 'ASC' } });
    expect(JSON.parse(audit.detail!)).toEqual({ stage: 'offer', moved_from: null, moved_to: null, imported: 45, updated: 0, skipped: 0, failed: 0 });
    m.expectKeyNeverLogged();
  });

  it('maps a candidate onto the resume fields, keeping the ID number encrypted and only when it is valid', async () => {
    const id = residentId('1996-03-08', false);
    const valid = fakeMokaApplication({
      stage: 'pending_checkin', name: '李娜', phone: uniquePhone(), email: 'lina@example.com', gender: '女', ethnic: '回族', citizenId: id,
      birthDate: '1996-03-07T16:00:00.000Z',
    });
    const good = residentId('1996-03-08', true);
    const invalid = fakeMokaApplication({ stage: 'pending_checkin', phone: uniquePhone(), citizenId: `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}` });
    const noPhone = fakeMokaApplication({ stage: 'pending_checkin', phone: null });
    m.moka.applications.push(valid, invalid, noPhone);

    const res = await importStage({ stage: 'pending_checkin', moved_from: '2026-01-01', moved_to: '2026-12-31 23:59:59' }).expect(200);
    expect(res.body.data).toEqual({ imported: 2, updated: 0, skipped: 0, failed: [{ applicationId: String(noPhone.applicationId), reason: '没有可用的中国大陆手机号' }] });
    expect(Object.fromEntries(m.moka.received('GET', LIST)[0].url.searchParams)).toEqual({
      stage: 'pending_checkin', movedAtStartTime: '2026-01-01', movedAtEndTime: '2026-12-31 23:59:59', limit: '20',
    });

    const row = await candidates().findOneByOrFail({ mokaApplicationId: String(valid.applicationId) });
    expect(row).toMatchObject({
      phone: valid.phone, name: '李娜', email: 'lina@example.com', gender: Gender.Female, birthDate: '1996-03-08', nation: '回族',
      position: '装配工', entryDate: '2026-04-01', salary: '6500.00', rawStage: '待入职', employeeId: null,
    });
    expect(row.idNumberEnc).not.toContain(id);
    expect(m.t.app.get(SecretsService).decrypt(row.idNumberEnc!)).toBe(id);
    expect(JSON.parse(row.education)).toEqual([{ school: '郑州大学', major: '机械工程', edu_type: 'bachelor', start_date: '2013-09', end_date: '2017-06' }]);
    expect(JSON.parse(row.experience)).toEqual([{ company_name: '富士康', position: '普工', start_date: '2017-07', end_date: '2020-12', description: '装配线' }]);

    // A wrong check digit: the rest of the record is kept, the number is not.
    const other = await candidates().findOneByOrFail({ mokaApplicationId: String(invalid.applicationId) });
    expect(other.idNumberEnc).toBeNull();
    expect(other.name).toBe('张三');
    expect(JSON.stringify(m.t.logs.lines)).not.toContain(id);
  });

  it('is idempotent on applicationId: unchanged applications are skipped, changed ones updated, none duplicated', async () => {
    const apps = [fakeMokaApplication({ phone: uniquePhone() }), fakeMokaApplication({ phone: uniquePhone() }), fakeMokaApplication({ phone: uniquePhone() })];
    m.moka.applications.push(...apps);
    expect((await importStage({ stage: 'all' }).expect(200)).body.data).toEqual({ imported: 3, updated: 0, skipped: 0, failed: [] });
    const before = await candidates().count();
    expect((await importStage({ stage: 'all' }).expect(200)).body.data).toEqual({ imported: 0, updated: 0, skipped: 3, failed: [] });

    apps[1].offer = { salaryNumber: 7200.5, checkinDate: '2026-05-06T01:00:00.000Z' };
    const id = residentId('1993-11-20', true);
    apps[2].citizenId = id;
    expect((await importStage({ stage: 'all' }).expect(200)).body.data).toEqual({ imported: 0, updated: 2, skipped: 1, failed: [] });
    expect(await candidates().count()).toBe(before);
    expect(await candidates().findOneByOrFail({ mokaApplicationId: String(apps[1].applicationId) })).toMatchObject({ salary: '7200.50', entryDate: '2026-05-06' });
    const withId = await candidates().findOneByOrFail({ mokaApplicationId: String(apps[2].applicationId) });
    expect(m.t.app.get(SecretsService).decrypt(withId.idNumberEnc!)).toBe(id);
    // The same number again is no change, although each encryption of it differs.
    expect((await importStage({ stage: 'all' }).expect(200)).body.data).toEqual({ imported: 0, updated: 0, skipped: 3, failed: [] });
  });

  it('keeps application ids past 2^53 exactly', async () => {
    const big = '9007199254740993123';
    m.moka.applications.push(fakeMokaApplication({ applicationId: big, phone: uniquePhone() }));
    expect((await importStage({ stage: 'offer' }).expect(200)).body.data.imported).toBe(1);
    expect(await candidates().existsBy({ mokaApplicationId: big })).toBe(true);
  });

  it('takes a stage without candidates (Moka answers 服务器异常) as empty, without retrying it', async () => {
    const res = await importStage({ stage: 'pending_checkin' }).expect(200);
    expect(res.body.data).toEqual({ imported: 0, updated: 0, skipped: 0, failed: [] });
    expect(m.moka.received('GET', LIST)).toHaveLength(1);
  });

  it('retries 429 and 5xx answers, and refuses a bad key at once (Moka answers it with HTTP 500)', async () => {
    m.moka.applications.push(fakeMokaApplication({ phone: uniquePhone() }));
    m.moka.throttle(1);
    m.moka.failNext(502);
    expect((await importStage({ stage: 'offer' }).expect(200)).body.data.imported).toBe(1);
    expect(m.moka.received('GET', LIST)).toHaveLength(3);

    m.moka.requests.length = 0;
    m.moka.apiKey = 'another-key';
    try {
      const res = await importStage({ stage: 'offer' }).expect(502);
      expect(res.body.status).toBe(ErrorCode.PartnerAuthFailed);
      expect(res.body.msg).toContain('认证失败');
      expect(JSON.stringify(res.body)).not.toContain('mk_test');
      expect(m.moka.received('GET', LIST)).toHaveLength(1);
      const moka = await m.status();
      expect(moka.recent_errors[0]).toMatchObject({ operation: 'applications.list', message: expect.stringContaining('认证失败') });
      expect(JSON.stringify(moka)).not.toContain('mk_test');
    } finally {
      m.moka.apiKey = m.t.config.bridges.moka!.apiKey;
    }
    m.expectKeyNeverLogged();
  });

  it('answers Moka\'s offer custom fields', async () => {
    const res = await m.admin.get('/admin/bridges/moka/offer-fields').expect(200);
    expect(res.body.data).toEqual(FAKE_OFFER_CUSTOM_FIELDS);
    const [request] = m.moka.received('GET', '/v1/offers/custom_fields');
    expect(request.headers.authorization).toBe(MOKA_BASIC_AUTH);
  });

  it('checks the import body', async () => {
    expect((await importStage({ stage: 'hired' }).expect(400)).body.msg).toContain('stage');
    expect((await importStage({ stage: 'offer', moved_from: '2026/01/01' }).expect(400)).body.msg).toContain('moved_from');
    expect(m.moka.requests).toHaveLength(0);
  });

  describe('POST /employee/prefill', () => {
    async function worker(): Promise<MiniProgramClient> {
      const client = new MiniProgramClient(m.t);
      await client.login();
      return client;
    }

    it('answers the pre-filled resume to whoever proves the phone, and the worker submits it after review', async () => {
      const phone = uniquePhone();
      const id = residentId('1994-07-21', true);
      m.moka.applications.push(fakeMokaApplication({ name: '王强', phone, citizenId: id, ethnic: '汉', job: { title: '普工' } }));
      await importStage({ stage: 'offer' }).expect(200);

      const client = await worker();
      await client.smsCode(phone);
      const wrong = await client.postForm('/employee/prefill', { phone, verify_code: '000000' }).expect(400);
      expect(wrong.body.status).toBe(ErrorCode.SmsCodeInvalid);

      await aMinuteLater(phone);
      const code = await client.smsCode(phone);
      const res = await client.postForm('/employee/prefill', { phone, verify_code: code }).expect(200);
      expect(res.body.data).toEqual({
        real_name: '王强', phone, id_number: id, age: ageOn('1994-07-21'), gender: Gender.Male, nation: '汉族', work_pos: '普工',
        employee_edu: [{ school: '郑州大学', major: '机械工程', edu_type: 'bachelor', start_date: '2013-09', end_date: '2017-06' }],
        work_exp: [{ company_name: '富士康', position: '普工', start_date: '2017-07', end_date: '2020-12', description: '装配线' }],
        offer: { position: '普工', entry_date: '2026-04-01', salary: '6500.00' },
      });
      // The code is used up.
      expect((await client.postForm('/employee/prefill', { phone, verify_code: code }).expect(400)).body.status).toBe(ErrorCode.SmsCodeInvalid);

      // The worker completes what Moka did not know, and submits as usual: the prefill's code proved
      // the phone, for this user only and once.
      const { offer: _offer, ...prefill } = res.body.data;
      const resume = await validResume(client, {
        ...prefill,
        employee_edu: JSON.stringify(prefill.employee_edu),
        work_exp: JSON.stringify(prefill.work_exp),
      });
      const otherUser = await worker();
      const stolen = await otherUser.postForm('/employee', { ...(await validResume(otherUser)), phone }).expect(400);
      expect(stolen.body).toMatchObject({ status: ErrorCode.ValidationFailed, msg: 'verify_code: 请输入短信验证码' });
      await client.postForm('/employee', resume).expect(200);
      const employee = await m.t.db.getRepository(Employee).findOneByOrFail({ phone });
      expect(employee.realName).toBe('王强');

      // The record is linked to the resume on the next import.
      await importStage({ stage: 'offer' }).expect(200);
      expect((await candidates().findOneByOrFail({ phone })).employeeId).toBe(employee.id);
    });

    it('answers 404 to a proven phone Moka did not hand over, and a prefill with what Moka lacked left empty', async () => {
      const client = await worker();
      const stranger = uniquePhone();
      const res = await client.postForm('/employee/prefill', { phone: stranger, verify_code: await client.smsCode(stranger) }).expect(404);
      expect(res.body.status).toBe(ErrorCode.PrefillNotFound);

      const phone = uniquePhone();
      m.moka.applications.push(fakeMokaApplication({ phone, citizenId: 'bad', gender: null, birthDate: null, ethnic: null, educationInfo: [], experienceInfo: [], offer: null, job: { title: '焊工' } }));
      await importStage({ stage: 'offer' }).expect(200);
      const sparse = await client.postForm('/employee/prefill', { phone, verify_code: await client.smsCode(phone) }).expect(200);
      expect(sparse.body.data).toEqual({
        real_name: '张三', phone, id_number: null, age: null, gender: Gender.Unknown, nation: null, work_pos: null,
        employee_edu: [], work_exp: [], offer: { position: '焊工', entry_date: null, salary: null },
      });
    });

    it('needs the worker\'s session and a well-formed body', async () => {
      const anonymous = new MiniProgramClient(m.t);
      expect((await anonymous.postForm('/employee/prefill', { phone: uniquePhone(), verify_code: '123456' }).expect(401)).body.status).toBe(ErrorCode.AuthTokenMissing);
      const client = await worker();
      expect((await client.postForm('/employee/prefill', { phone: '12345', verify_code: '123456' }).expect(400)).body.msg).toContain('phone');
    });
  });

  /** Lets the phone receive another SMS code at once, as if its 60 s wait were over. */
  async function aMinuteLater(phone: string): Promise<void> {
    await m.t.app.get<KvStore>(KV_STORE).delete(m.t.app.get(VerificationKeys).phoneCooldown(phone));
  }
});
