import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { NastavnikDb } from './database';
import { createQueries } from './queries';
import { createRepository } from './repository';

const PAIR_A = '0193a3f0-0000-7000-8000-00000000000a';
const PAIR_B = '0193a3f0-0000-7000-8000-00000000000b';

function device() {
  const db = new NastavnikDb(`queries-${Math.random()}`, { indexedDB, IDBKeyRange });
  return { queries: createQueries(db), repo: createRepository(db) };
}

const meeting = (pairId: string, date: string) => ({
  pairId,
  date,
  kind: 'regular',
  durationMin: 30,
  notes: '',
});

describe('how many people, pairs and meetings a school has', () => {
  it('counts what exists, not what was deleted', async () => {
    const { queries, repo } = device();
    const anna = await repo.create('person', { fullName: 'Анна', kind: 'teacher' });
    const vanya = await repo.create('person', { fullName: 'Ваня', kind: 'student' });
    if (!anna.ok || !vanya.ok) throw new Error('write failed');
    const pair = await repo.create('pair', {
      mentorId: anna.id,
      menteeIds: [vanya.id],
      form: 'учитель–ученик',
      status: 'active',
    });
    const kept = await repo.create('meeting', meeting(PAIR_A, '2026-11-20'));
    const gone = await repo.create('meeting', meeting(PAIR_A, '2026-11-21'));
    if (!pair.ok || !kept.ok || !gone.ok) throw new Error('write failed');
    await repo.remove('meeting', gone.id);
    await repo.remove('person', vanya.id);
    expect(await queries.counts()).toEqual({ people: 1, pairs: 1, meetings: 1 });
  });
});

describe('which pairs met recently', () => {
  it('follows new and deleted meetings after it has answered once', async () => {
    const { queries, repo } = device();
    const a = await repo.create('meeting', meeting(PAIR_A, '2026-11-20'));
    await repo.create('meeting', meeting(PAIR_B, '2026-10-01'));
    expect([...(await queries.pairsMetSince([PAIR_A, PAIR_B], '2026-11-12', '2026-11-26'))]).toEqual([
      PAIR_A,
    ]);

    await repo.create('meeting', meeting(PAIR_B, '2026-11-25'));
    expect([...(await queries.pairsMetSince([PAIR_A, PAIR_B], '2026-11-12', '2026-11-26'))].sort()).toEqual([
      PAIR_A,
      PAIR_B,
    ]);

    if (a.ok) await repo.remove('meeting', a.id);
    expect([...(await queries.pairsMetSince([PAIR_A, PAIR_B], '2026-11-12', '2026-11-26'))]).toEqual([
      PAIR_B,
    ]);
  });
});

describe('people by ids', () => {
  it('answers the same for a few ids and for many', async () => {
    const { queries, repo } = device();
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const r = await repo.create('person', { fullName: `Ученик ${i}`, kind: 'student' });
      if (r.ok) ids.push(r.id);
    }
    const few = await queries.peopleByIds(ids.slice(0, 3));
    expect(few.map((p) => p.fields.fullName)).toEqual(['Ученик 0', 'Ученик 1', 'Ученик 2']);
    const many = await queries.peopleByIds([...ids.slice(5, 60), 'nobody']);
    expect(many).toHaveLength(55);
    expect(new Set(many.map((p) => p.id))).toEqual(new Set(ids.slice(5, 60)));
  });
});
