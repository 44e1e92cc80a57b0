// A phone whose date was set two days ahead: the server rightly refuses its stamps, and the phone recovers
// by itself — at once while its date is still wrong, and for good once the date is right — without the
// user discarding anything.
import { describe, expect, it } from 'vitest';
import { retryRejected } from '../../src/client/db/outbox';
import { stampTime } from '../../src/domain/hlc';
import type { SyncedRecord } from '../../src/domain/record';
import { createApp } from '../../src/server/app';
import { bootstrap } from '../../src/server/enrol-service';
import { createServerClock } from '../../src/server/server-clock';
import { openSqliteStorage } from '../../src/server/storage/sqlite';
import { enrolDevice, serverView } from '../support/sim-device';

const DAY = 24 * 60 * 60 * 1000;

async function school() {
  let now = Date.UTC(2026, 10, 25, 9, 0, 0);
  const storage = openSqliteStorage(':memory:');
  const clock = createServerClock(() => now);
  await bootstrap(storage, clock, 'BOOT');
  const app = await createApp({ storage, clock });
  let skew = 2 * DAY;
  const phone = await enrolDevice(app, 'BOOT', 'phone', { now: () => now + skew, fault: () => 'none' });
  return {
    app,
    phone,
    tick: (ms: number) => (now += ms),
    serverNow: () => now,
    fixDate: () => (skew = 0),
    setSkew: (ms: number) => (skew = ms),
    serverRecord: async (id: string) => (await serverView(app, phone.session.token)).get(id),
  };
}

const person = (fullName: string) => ({ fullName, kind: 'teacher' });

describe('a device whose clock was two days ahead', () => {
  it('gets its writes accepted by the next sync, before and after its date is put right', async () => {
    const { phone, tick, fixDate, serverRecord } = await school();
    const first = (await phone.repo.create('person', person('Записано с неверной датой'))) as { id: string };
    expect(await phone.engine.syncOnce()).toBe('ok');
    expect(await phone.db.rejected.count()).toBe(0);
    expect((await serverRecord(first.id))?.fields.fullName).toBe('Записано с неверной датой');

    // The user sets the right date and writes again, changing the same record.
    fixDate();
    tick(60_000);
    await phone.repo.update('person', first.id, { fullName: 'Исправлено после смены даты' });
    const second = (await phone.repo.create('person', person('Новая запись'))) as { id: string };
    expect(await phone.engine.syncOnce()).toBe('ok');
    expect(await phone.db.rejected.count()).toBe(0);
    expect((await serverRecord(first.id))?.fields.fullName).toBe('Исправлено после смены даты');
    expect((await serverRecord(second.id))?.fields.fullName).toBe('Новая запись');
    // The device's record and the server's agree, stamps included.
    const local = (await phone.db.records('person').get(first.id)) as SyncedRecord;
    expect(local.stamps).toEqual((await serverRecord(first.id))?.stamps);
  });

  it('stamps a change refused for its clock again when the user sends it again', async () => {
    const { phone, serverRecord, serverNow } = await school();
    const { id } = (await phone.repo.create('person', person('Отказано по времени'))) as { id: string };
    const change = (await phone.db.outbox.toArray())[0]?.change as SyncedRecord;
    // As a version without automatic recovery left it: refused, and waiting for the user.
    await phone.db.outbox.clear();
    await phone.db.rejected.put({
      id,
      type: 'person',
      code: 'clock',
      reason: 'a stamp is more than 24 hours ahead',
      change,
      at: new Date().toISOString(),
    });
    await phone.db.meta.put({ key: 'serverOffset', value: -2 * DAY });
    await phone.db.meta.put({ key: 'clock', value: { ms: 0, counter: 0 } });
    await retryRejected(phone.db, id, serverNow() + 2 * DAY);
    const resent = (await phone.db.outbox.toArray())[0]?.change as SyncedRecord;
    expect(resent.stamps.fullName).not.toBe(change.stamps.fullName);
    expect(stampTime(resent.stamps.fullName as string)).toBeLessThanOrEqual(serverNow());
    expect((await phone.db.records('person').get(id))?.stamps.fullName).toBe(resent.stamps.fullName);
    expect(await phone.engine.syncOnce()).toBe('ok');
    expect(await phone.db.rejected.count()).toBe(0);
    expect((await serverRecord(id))?.fields.fullName).toBe('Отказано по времени');
  });

  it('a text it replaces, written elsewhere while it was refused, is kept for its author', async () => {
    const { app, phone, tick, setSkew, serverNow, serverRecord } = await school();
    setSkew(0);
    const { id } = (await phone.repo.create('person', person('Как было'))) as { id: string };
    const other = (await phone.repo.create('person', person('Второй куратор'))) as { id: string };
    expect(await phone.engine.syncOnce()).toBe('ok');
    const invite = await app.inject({
      method: 'POST',
      url: '/api/v1/invites',
      headers: { authorization: `Bearer ${phone.session.token}` },
      payload: { personId: other.id, role: 'curator' },
    });
    const desk = await enrolDevice(app, (invite.json() as { code: string }).code, 'desk', {
      now: serverNow,
      fault: () => 'none',
    });
    expect(await desk.engine.syncOnce()).toBe('ok');

    // The phone's date jumps a year ahead; offline, it renames the person.
    setSkew(365 * DAY);
    await phone.repo.update('person', id, { fullName: 'Правка с телефона' });
    // A moment later the desk renames them too, and its change reaches the server first.
    tick(1_500);
    await desk.repo.update('person', id, { fullName: 'Правка куратора позже' });
    expect(await desk.engine.syncOnce()).toBe('ok');
    // The phone's stamps are refused for its clock, then sent again, stamped by the server's time.
    expect(await phone.engine.syncOnce()).toBe('ok');
    expect(await phone.db.rejected.count()).toBe(0);
    expect((await serverRecord(id))?.fields.fullName).toBe('Правка с телефона');
    // The desk's text it replaced unseen is kept, for the desk's curator.
    const copies = [...(await serverView(app, desk.session.token)).values()].filter(
      (r) => r.type === 'conflict' && r.fields.recordId === id,
    );
    expect(copies.map((c) => [c.fields.text, c.fields.authorId])).toEqual([
      ['Правка куратора позже', other.id],
    ]);
  });
});
