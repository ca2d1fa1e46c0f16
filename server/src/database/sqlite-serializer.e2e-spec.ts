import { setTimeout as sleep } from 'node:timers/promises';
import { Company } from '../catalog/company.entity';
import { startTestApp, TestApp } from '../test/test-app';
import { TransactionRunner } from './transaction-runner';

/** Concurrent requests on one database: each transaction stands or falls alone (on SQLite thanks to serializeSqliteAccess). */
describe('transactions under concurrency', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const names = async () => (await t.db.getRepository(Company).find({ where: {}, order: { id: 'ASC' } })).map((c) => c.companyName);

  it("keeps one transaction's work when another one, open around it, rolls back", async () => {
    const failing = t.db.transaction(async (manager) => {
      await manager.insert(Company, { companyName: '回滚公司' });
      await sleep(50);
      throw new Error('rolled back on purpose');
    });
    await sleep(10);
    const committed = t.db.transaction(async (manager) => {
      await manager.insert(Company, { companyName: '提交公司' });
    });
    const standalone = t.db.getRepository(Company).insert({ companyName: '单条写入公司' });
    const saved = t.db.getRepository(Company).save({ companyName: '保存公司' });
    await expect(failing).rejects.toThrow('rolled back on purpose');
    await Promise.all([committed, standalone, saved]);
    const after = await names();
    expect(after).toEqual(expect.arrayContaining(['提交公司', '单条写入公司', '保存公司']));
    expect(after).not.toContain('回滚公司');
  });

  it('lets a transaction read its own writes and run another inside it', async () => {
    await t.db.transaction(async (manager) => {
      await manager.insert(Company, { companyName: '嵌套外层' });
      expect(await manager.existsBy(Company, { companyName: '嵌套外层' })).toBe(true);
      await t.db.transaction((inner) => inner.insert(Company, { companyName: '嵌套内层' }));
    });
    expect(await names()).toEqual(expect.arrayContaining(['嵌套外层', '嵌套内层']));
  });

  it("runs TransactionRunner's work in the same kind of transaction: its rollback leaves a lone write beside it", async () => {
    let entered!: () => void;
    let open!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const gate = new Promise<void>((resolve) => (open = resolve));
    const failing = t.app.get(TransactionRunner).run(async (manager) => {
      await manager.insert(Company, { companyName: '助手回滚' });
      entered();
      await gate;
      throw new Error('rolled back on purpose');
    });
    await inside;
    const standalone = t.db.getRepository(Company).insert({ companyName: '助手旁写入' });
    open();
    await expect(failing).rejects.toThrow('rolled back on purpose');
    await standalone;
    const after = await names();
    expect(after).toContain('助手旁写入');
    expect(after).not.toContain('助手回滚');
  });
});
