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
  // Days counted back from today: the index of recent meetings is about the days before today.
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const met = async (queries: ReturnType<typeof createQueries>) =>
    [...(await queries.pairsMetSince([PAIR_A, PAIR_B], daysAgo(14), daysAgo(0)))].sort();

  it('follows new and deleted meetings after it has answered once', async () => {
    const { queries, repo } = device();
    const a = await repo.create('meeting', meeting(PAIR_A, daysAgo(9)));
    await repo.create('meeting', meeting(PAIR_B, daysAgo(59)));
    expect(await met(queries)).toEqual([PAIR_A]);

    await repo.create('meeting', meeting(PAIR_B, daysAgo(4)));
    expect(await met(queries)).toEqual([PAIR_A, PAIR_B]);

    if (a.ok) await repo.remove('meeting', a.id);
    expect(await met(queries)).toEqual([PAIR_B]);
  });

  it('sees a meeting moved into the last days, and one moved out of them', async () => {
    const { queries, repo } = device();
    const a = await repo.create('meeting', meeting(PAIR_A, daysAgo(300)));
    expect(await met(queries)).toEqual([]);
    if (!a.ok) throw new Error('write failed');
    await repo.update('meeting', a.id, { date: daysAgo(2) });
    expect(await met(queries)).toEqual([PAIR_A]);
    await repo.update('meeting', a.id, { date: daysAgo(200) });
    expect(await met(queries)).toEqual([]);
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

describe('consents of people', () => {
  it('answers the same for a few people and for many, leaving out deleted consents', async () => {
    const { queries, repo } = device();
    const people: string[] = [];
    const consents: string[] = [];
    for (let i = 0; i < 60; i++) {
      const person = `0193a3f0-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`;
      const r = await repo.create('consent', { personId: person, signedBy: 'Мама', date: '2026-09-01' });
      if (r.ok) [people[i], consents[i]] = [person, r.id];
    }
    await repo.remove('consent', consents[1] as string);
    const few = await queries.consentsOfPeople(people.slice(0, 3));
    expect(few.map((c) => c.fields.personId).sort()).toEqual([people[0], people[2]]);
    const many = await queries.consentsOfPeople([...people.slice(5, 60), 'nobody']);
    expect(new Set(many.map((c) => c.fields.personId))).toEqual(new Set(people.slice(5, 60)));
    expect(many).toHaveLength(55);
  });
});
