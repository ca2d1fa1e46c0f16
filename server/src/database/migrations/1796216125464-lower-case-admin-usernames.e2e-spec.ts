import { In } from 'typeorm';
import { AdminUser } from '../../admin/admin-user.entity';
import { AdminClient } from '../../test/admin-client';
import { startTestApp, TEST_DB, TestApp } from '../../test/test-app';
import { LowerCaseAdminUsernames1796216125464 } from './1796216125464-lower-case-admin-usernames';

describe('migration LowerCaseAdminUsernames', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const stored = (ids: number[]) => t.db.getRepository(AdminUser).find({ select: { id: true, username: true }, where: { id: In(ids) }, order: { id: 'ASC' } });

  it('stores every user name in lower case; of names that differed only in case (SQLite) the lower-case one keeps it, the others get their id', async () => {
    // Rows as an older server wrote them, bypassing today's normalization.
    const names = TEST_DB === 'sqlite' ? ['Mixed_Case', 'Boss', 'boss', 'BOSS'] : ['Mixed_Case', 'Boss'];
    const { identifiers } = await t.db.getRepository(AdminUser).insert(names.map((username) => ({ username, name: username, role: 'hr' as const })));
    const ids = identifiers.map((row) => Number(row.id));

    await new LowerCaseAdminUsernames1796216125464().up(t.db.createQueryRunner());

    const expected = TEST_DB === 'sqlite' ? ['mixed_case', `boss-${ids[1]}`, 'boss', `boss-${ids[3]}`] : ['mixed_case', 'boss'];
    expect((await stored(ids)).map((row) => row.username)).toEqual(expected);
    // The bootstrap super admin's name was lower case already, and still signs in.
    await AdminClient.superAdmin(t);
  });
});
