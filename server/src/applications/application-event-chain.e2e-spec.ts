import { createHash } from 'node:crypto';
import { backfillEventChain } from '../database/migrations/event-chain-backfill';
import { AdminClient } from '../test/admin-client';
import { applyingWorker } from '../test/sign-fixtures';
import { startTestApp, TestApp } from '../test/test-app';
import { ApplicationActor, ApplicationsService } from './applications.service';
import { SignApplicationEvent } from './sign-application-event.entity';

/**
 * The hash chain of an application's events (application-event-chain.ts): appends to one
 * application take turns however they race, the chain holds and is what HR's detail and the
 * evidence package show, an edited, deleted or forged row breaks it where it is, and the migration's
 * backfill computes the very hashes the server writes. On MariaDB the appends really run at once.
 */
describe('the hash chain of application events', () => {
  let t: TestApp;
  let service: ApplicationsService;
  let admin: AdminClient;
  let applicationId: number;
  const phone = '13912345678';

  beforeAll(async () => {
    t = await startTestApp();
    service = t.app.get(ApplicationsService);
    admin = await AdminClient.superAdmin(t);
    ({ applicationId } = await applyingWorker(t));
  });
  afterAll(() => t.close());

  const rows = () => t.db.getRepository(SignApplicationEvent).find({ where: { applicationId }, order: { id: 'ASC' } });
  const actor = (ip: string): ApplicationActor => ({
    type: 'employee', userId: 1, context: { platformCode: 'wxmp', uniqueKey: 'k', location: { lng: 121.4737019, lat: 31.2303904 }, city: '上海', ip },
  });

  it('stays one linear chain under 10 racing notes and a decision, and HR sees it whole', async () => {
    const application = (await service.findById(applicationId))!;
    const results = await Promise.allSettled([
      ...Array.from({ length: 9 }, (_, i) => service.note(application, 'contract_viewed', actor(`10.0.0.${i + 1}`), { viewed: i })),
      admin.post(`/admin/applications/${applicationId}/reject`, { reason: '材料不全' }).expect(200),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    await service.note(application, 'intent_confirmed', actor('10.0.1.1'), { phone });

    const events = await rows();
    expect(events).toHaveLength(12);
    expect(events.map((e) => e.prevHash)).toEqual([null, ...events.slice(0, -1).map((e) => e.hash)]);
    expect(new Set(events.map((e) => e.hash)).size).toBe(12);
    const head = events[11].hash;
    expect(await service.checkEventChain(applicationId)).toEqual({ ok: true, head, events: 12 });
    expect(await service.eventChainHead(applicationId)).toBe(head);
    const detail = await admin.get(`/admin/applications/${applicationId}`).expect(200);
    expect(detail.body.data.event_chain).toEqual({ ok: true, head });
  });

  it('lists the events for the evidence package: each hash recomputes offline from the listed fields, the phone masked', async () => {
    const listed = await service.evidenceEvents(applicationId);
    expect(listed.map((e) => e.hash)).toEqual((await rows()).map((e) => e.hash));
    for (const { id, hash, detail, ...fields } of listed) {
      // What `jq -cS 'del(.id, .hash, .detail)' | sha256sum` computes from evidence.json (without the newline).
      const sorted = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
      expect(createHash('sha256').update(JSON.stringify(sorted)).digest('hex')).toBe(hash);
    }
    const intent = listed.find((e) => e.event === 'intent_confirmed')!;
    expect(intent).toMatchObject({ detail: { phone: '139****5678' }, lng: 121.4737019, lat: 31.2303904, city: '上海', ip: '10.0.1.1', actor_type: 'employee' });
    expect(intent.detail_sha256).toBe(createHash('sha256').update(JSON.stringify({ phone })).digest('hex'));
  });

  it('is broken at an edited row, at a forged one and after a deleted row', async () => {
    const events = await rows();
    const [edited, deleted, last] = [events[3], events[5], events[11]];
    await t.db.query('UPDATE sign_apply_event SET detail = ? WHERE id = ?', ['{"viewed":99}', edited.id]);
    expect(await service.checkEventChain(applicationId)).toEqual({ ok: false, head: last.hash, events: 12, brokenAt: { eventId: edited.id, reason: 'edited' } });
    expect((await admin.get(`/admin/applications/${applicationId}`).expect(200)).body.data.event_chain).toEqual({ ok: false, head: last.hash });
    await t.db.query('UPDATE sign_apply_event SET detail = ? WHERE id = ?', [edited.detail, edited.id]);

    // A genuine row copied to the end: its own hash holds, its link does not.
    await t.db.getRepository(SignApplicationEvent).insert({ ...events[1], id: undefined });
    const forged = (await rows()).at(-1)!;
    expect(await service.checkEventChain(applicationId)).toEqual({ ok: false, head: forged.hash, events: 13, brokenAt: { eventId: forged.id, reason: 'unlinked' } });
    await t.db.query('DELETE FROM sign_apply_event WHERE id = ?', [forged.id]);

    await t.db.query('DELETE FROM sign_apply_event WHERE id = ?', [deleted.id]);
    expect(await service.checkEventChain(applicationId)).toEqual({ ok: false, head: last.hash, events: 11, brokenAt: { eventId: events[6].id, reason: 'unlinked' } });
  });

  it('is backfilled by the migration with the hashes the server writes, over rows older than the chain too', async () => {
    const other = (await applyingWorker(t)).applicationId;
    await admin.post(`/admin/applications/${other}/cancel`, {}).expect(200);
    // A row as written before the chain: the database's own time (seconds on SQLite, microseconds on MariaDB), no hash.
    await t.db.query("INSERT INTO sign_apply_event (apply_id, event, from_status, to_status, actor_type, actor_id, ip, hash) VALUES (?, 'updated', 5, 5, 'employee', 1, '10.0.0.9', '')", [other]);
    const written = await t.db.getRepository(SignApplicationEvent).find({ where: { applicationId: other }, order: { id: 'ASC' } });
    expect(written.map((e) => e.event)).toEqual(['applied', 'cancelled', 'updated']);

    await t.db.query("UPDATE sign_apply_event SET hash = '', prev_hash = NULL");
    const runner = t.db.createQueryRunner();
    try {
      await backfillEventChain(runner);
    } finally {
      await runner.release();
    }
    const backfilled = await t.db.getRepository(SignApplicationEvent).find({ where: { applicationId: other }, order: { id: 'ASC' } });
    expect(backfilled.slice(0, 2).map((e) => [e.prevHash, e.hash])).toEqual(written.slice(0, 2).map((e) => [e.prevHash, e.hash]));
    expect(await service.checkEventChain(other)).toEqual({ ok: true, head: backfilled[2].hash, events: 3 });
    // The damaged application is rechained over what is left: a backfill vouches only for the history as it finds it.
    expect(await service.checkEventChain(applicationId)).toMatchObject({ ok: true, events: 11 });
  });
});
