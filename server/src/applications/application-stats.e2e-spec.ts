import type { ApplicationStats } from '@shanqian/shared';
import { chinaDate, chinaDayStart } from '../common/china-time';
import { MiniProgramClient } from '../test/api-client';
import { AdminClient } from '../test/admin-client';
import { FakeClock } from '../test/fake-clock';
import { applyingWorker, freshSmsCode, signaturePng, uploadContract } from '../test/sign-fixtures';
import { startTestApp, TestApp } from '../test/test-app';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PASSWORD = 'Hr-stats-pass123';

/** YYYY-MM-DD of the China calendar day `ms` falls on. */
const chinaDay = (ms: number) => {
  const { year, month, day } = chinaDate(ms);
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
};

/**
 * A Monday at 00:00 China time, far enough ahead that the whole story below (40 days before it)
 * happens after the real now: the certificate authority the app loads is valid from the real now on.
 */
function mondayAhead(): number {
  const start = chinaDayStart(chinaDay(Date.now() + 41 * DAY));
  const weekday = new Date(Date.parse(chinaDay(+start))).getUTCDay();
  return +start + ((8 - weekday) % 7) * DAY;
}

describe('GET /admin/applications/stats', () => {
  const clock = new FakeClock();
  let t: TestApp;
  let admin: AdminClient;
  let hr: AdminClient;
  let hrAll: AdminClient;
  let hrId: number;
  let otherHandlerId: number;
  let contractId: number;
  const monday = mondayAhead();
  const now = monday + 10 * HOUR;

  const at = (ms: number) => clock.advance(ms - clock.now());
  const apply = async (handlerId: number) => applyingWorker(t, { ad_user_id: handlerId });
  /** HR approves with an entry date two weeks after the clock's today, inside the approval window. */
  const approve = (applicationId: number) =>
    admin.post(`/admin/applications/${applicationId}/approve`, { contract_id: contractId, entry_date: chinaDay(clock.now() + 14 * DAY), salary: '6000' }).expect(200);
  const sign = async ({ worker, resume }: { worker: MiniProgramClient; resume: Record<string, unknown> }) => {
    await worker.request('post', '/verify/realname').expect(200);
    await worker.get('/sign/contract').expect(200);
    const code = await freshSmsCode(t, worker, resume.phone as string);
    await worker.request('post', '/sign').field('verify_code', code).field('agree', '1').attach('signature', signaturePng(), { filename: 'signature.png', contentType: 'image/png' }).expect(200);
  };
  const stats = async (client: AdminClient): Promise<ApplicationStats> => (await client.get('/admin/applications/stats').expect(200)).body.data;

  beforeAll(async () => {
    t = await startTestApp({}, undefined, { clock });
    admin = await AdminClient.superAdmin(t);
    const companyId = Number((await t.db.query('SELECT id FROM company ORDER BY id'))[0].id);
    contractId = await uploadContract(admin, companyId);
    hrId = (await admin.post('/admin/users', { username: 'hr_stats', name: '统计', role: 'hr', password: PASSWORD }).expect(200)).body.data.id;
    await admin.post('/admin/users', { username: 'hr_stats_all', name: '统计全部', role: 'hr', password: PASSWORD, view_all_applications: true }).expect(200);
    hr = new AdminClient(t);
    await hr.login('hr_stats', PASSWORD);
    hrAll = new AdminClient(t);
    await hrAll.login('hr_stats_all', PASSWORD);
    const worker = new MiniProgramClient(t);
    await worker.login();
    otherHandlerId = (await worker.get('/handlers').expect(200)).body.data.find((h: { id: number }) => h.id !== hrId).id;

    // The story, in China time; "now" is Monday 10:00. H: handled by hr_stats; O: by another handler.
    at(monday - 40 * DAY);
    await apply(hrId); // H, still waiting: before the chart's 30 days
    at(monday - 5 * DAY + 9 * HOUR); // Wednesday 09:00
    await approve((await apply(hrId)).applicationId); // H, approved 4 days 1 hour before now, unsigned
    at(now - 3 * DAY + MINUTE); // Friday 10:01
    await approve((await apply(otherHandlerId)).applicationId); // O, approved 1 minute short of 3 days before now
    at(monday - 2 * DAY); // Saturday 00:00
    const signedLastWeek = await apply(otherHandlerId);
    await approve(signedLastWeek.applicationId);
    await admin.post(`/admin/applications/${(await apply(otherHandlerId)).applicationId}/reject`, { reason: '材料不全' }).expect(200);
    const resubmitting = await apply(otherHandlerId);
    await admin.post(`/admin/applications/${resubmitting.applicationId}/cancel`, {}).expect(200);
    at(now - DAY - MINUTE); // Sunday 09:59
    await apply(hrId); // H, waiting 24 h and 1 minute
    at(now - DAY + MINUTE); // Sunday 10:01
    await apply(otherHandlerId); // O, waiting 1 minute short of 24 h
    at(monday - 1); // Sunday 23:59:59.999
    await sign(signedLastWeek);
    await apply(hrId);
    at(monday); // Monday 00:00, the first instant of today and of the week
    await apply(hrId);
    at(monday + SECOND);
    const signedThisWeek = await apply(otherHandlerId);
    await approve(signedThisWeek.applicationId);
    at(monday + 2 * SECOND);
    await sign(signedThisWeek);
    at(monday + 5 * SECOND);
    await admin.post(`/admin/applications/${(await apply(hrId)).applicationId}/cancel`, {}).expect(200);
    at(monday + 7 * SECOND);
    await resubmitting.worker.putForm('/employee', resubmitting.resume).expect(200);
    at(now);
  }, 120_000);
  afterAll(() => t.close());

  /** The chart's non-zero days, by their offset from today. */
  const activeDays = (daily: ApplicationStats['daily']) =>
    Object.fromEntries(daily.filter((d) => d.applied || d.signed).map((d) => [(Date.parse(d.date) - Date.parse(chinaDay(monday))) / DAY, [d.applied, d.signed]]));

  it('counts every application for a super admin, by China days and a week from Monday', async () => {
    const all = await stats(admin);
    expect(all).toMatchObject({
      today: chinaDay(monday),
      by_status: { 1: 6, 2: 2, 3: 2, 4: 1, 5: 1 },
      total: 12,
      // Three first applications and one resubmission since 00:00; the one at 23:59:59.999 was yesterday.
      new_today: 4,
      waiting_over_24h: 2,
      unsigned_over_3d: 1,
      // The contract signed at 23:59:59.999 on Sunday was last week.
      signed_this_week: 1,
    });
    expect(all.daily).toHaveLength(30);
    expect(all.daily[0].date).toBe(chinaDay(monday - 29 * DAY));
    expect(all.daily.map((d) => d.date)).toEqual([...all.daily.map((d) => d.date)].sort());
    // Grouped by UTC dates, Sunday 23:59 and Monday 00:00 in China (both Sunday in UTC) would share a day.
    expect(activeDays(all.daily)).toEqual({ [-5]: [1, 0], [-3]: [1, 0], [-2]: [3, 0], [-1]: [3, 1], 0: [4, 1] });
    expect(await stats(hrAll)).toEqual(all);
  });

  it("counts only an hr admin's own applications unless they may see all", async () => {
    const own = await stats(hr);
    expect(own).toMatchObject({
      by_status: { 1: 4, 2: 1, 3: 0, 4: 0, 5: 1 },
      total: 6,
      new_today: 2,
      waiting_over_24h: 2,
      unsigned_over_3d: 1,
      signed_this_week: 0,
    });
    expect(activeDays(own.daily)).toEqual({ [-5]: [1, 0], [-1]: [2, 0], 0: [2, 0] });
  });

  it('moves on with the clock: a new day starts empty, a new week has no signatures yet', async () => {
    at(monday + 7 * DAY);
    const nextWeek = await stats(admin);
    expect(nextWeek).toMatchObject({ today: chinaDay(monday + 7 * DAY), new_today: 0, signed_this_week: 0, total: 12, waiting_over_24h: 6, unsigned_over_3d: 2 });
    expect(activeDays(nextWeek.daily)).toEqual({ [-5]: [1, 0], [-3]: [1, 0], [-2]: [3, 0], [-1]: [3, 1], 0: [4, 1] });
    at(now);
  });
});
