import { ErrorCode, SignApplicationStatus } from '@shanqian/shared';
import { maskIdNumber } from '../common/mask';
import { SignApplication } from './sign-application.entity';
import { MiniProgramClient } from '../test/api-client';
import { AdminClient } from '../test/admin-client';
import { validResume } from '../test/fixtures';
import { startTestApp, TestApp } from '../test/test-app';

const PASSWORD = 'Hr-employee-pass1';

interface Applied {
  id: number;
  body: Record<string, unknown>;
}

describe('back office: GET /admin/employees', () => {
  let t: TestApp;
  let superAdmin: AdminClient;
  const hr: Record<'a' | 'b', { id: number; client: AdminClient }> = {} as never;
  const workers: Applied[] = [];

  async function hrAdmin(username: string): Promise<{ id: number; client: AdminClient }> {
    const { id } = (await superAdmin.post('/admin/users', { username, name: username, role: 'hr', password: PASSWORD }).expect(200)).body.data;
    const client = new AdminClient(t);
    await client.login(username, PASSWORD);
    return { id, client };
  }

  async function apply(overrides: Record<string, unknown>): Promise<Applied> {
    const worker = new MiniProgramClient(t);
    await worker.login();
    const body = await validResume(worker, overrides);
    body.verify_code = await worker.smsCode(body.phone as string);
    await worker.postForm('/employee', body).expect(200);
    return { id: (await worker.get('/employee').expect(200)).body.data.id, body };
  }

  beforeAll(async () => {
    t = await startTestApp();
    superAdmin = await AdminClient.superAdmin(t);
    hr.a = await hrAdmin('hr_emp_a');
    hr.b = await hrAdmin('hr_emp_b');
    workers.push(await apply({ real_name: '赵一', ad_user_id: hr.a.id }));
    workers.push(await apply({ real_name: '钱二', ad_user_id: hr.a.id }));
    workers.push(await apply({ real_name: '孙三', ad_user_id: hr.b.id }));
  });
  afterAll(() => t.close());

  const names = (res: { body: { data: { list: { real_name: string }[] } } }) => res.body.data.list.map((row) => row.real_name);

  it('answers rows newest first with the ID number masked, never in full', async () => {
    const res = await superAdmin.get('/admin/employees').expect(200);
    expect(names(res)).toEqual(['孙三', '钱二', '赵一']);
    const [row] = res.body.data.list;
    const latest = workers[2].body;
    const application = await t.db.getRepository(SignApplication).findOneByOrFail({ employeeId: row.id });
    expect(row).toEqual({
      id: expect.any(Number),
      real_name: '孙三',
      phone: latest.phone,
      id_number_masked: maskIdNumber(latest.id_number as string),
      gender: latest.gender,
      age: latest.age,
      company_name: expect.any(String),
      work_pos: latest.work_pos,
      application_id: application.id,
      status: SignApplicationStatus.Applied,
      apply_time: expect.any(String),
    });
    expect(row.id_number_masked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    for (const { body } of workers) expect(JSON.stringify(res.body)).not.toContain(body.id_number as string);
  });

  it('shows an hr admin only the workers whose application they handle, unless granted to see all', async () => {
    expect(names(await hr.a.client.get('/admin/employees').expect(200))).toEqual(['钱二', '赵一']);
    expect(names(await hr.b.client.get('/admin/employees').expect(200))).toEqual(['孙三']);
    expect(names(await hr.b.client.get('/admin/employees?keyword=赵').expect(200))).toEqual([]);

    await superAdmin.put(`/admin/users/${hr.b.id}`, { name: 'hr_emp_b', role: 'hr', view_all_applications: true }).expect(200);
    expect(names(await hr.b.client.get('/admin/employees').expect(200))).toEqual(['孙三', '钱二', '赵一']);
    await superAdmin.put(`/admin/users/${hr.b.id}`, { name: 'hr_emp_b', role: 'hr', view_all_applications: false }).expect(200);
    expect(names(await hr.b.client.get('/admin/employees').expect(200))).toEqual(['孙三']);
  });

  it('searches by name or phone, filters by application status, and pages', async () => {
    expect(names(await superAdmin.get(`/admin/employees?keyword=${encodeURIComponent('钱')}`).expect(200))).toEqual(['钱二']);
    const phone = workers[0].body.phone as string;
    expect(names(await superAdmin.get(`/admin/employees?keyword=${phone.slice(3)}`).expect(200))).toEqual(['赵一']);

    await t.db.getRepository(SignApplication).update({ employeeId: workers[1].id }, { status: SignApplicationStatus.Rejected, reason: '资料不全' });
    expect(names(await superAdmin.get('/admin/employees?status=4').expect(200))).toEqual(['钱二']);
    expect(names(await hr.a.client.get('/admin/employees?status=1').expect(200))).toEqual(['赵一']);

    const page = await superAdmin.get('/admin/employees?page=2&page_size=2').expect(200);
    expect(page.body.data).toMatchObject({ page: 2, pageSize: 2, total: 2, count: 3 });
    expect(names(page)).toEqual(['赵一']);
  });

  it('answers 400 naming a bad filter', async () => {
    expect((await superAdmin.get('/admin/employees?status=9').expect(400)).body).toEqual({ status: ErrorCode.ValidationFailed, msg: 'status: 不能大于 5', data: null });
    expect((await superAdmin.get('/admin/employees?page=0').expect(400)).body.msg).toBe('page: 不能小于 1');
  });
});
