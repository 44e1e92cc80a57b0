import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { isDefaultStamp } from '../../domain/defaults';
import { mergeRecords } from '../../domain/merge';
import { isOfType, type SyncedRecord } from '../../domain/record';
import { PROGRAMME_ID } from '../../domain/record-type-names';
import { NastavnikDb } from '../db/database';
import { setMeta } from '../db/meta';
import { createRepository } from '../db/repository';
import {
  parseCount,
  parsePercent,
  parseSchoolYear,
  saveProgramme,
  saveStage,
  stagesOf,
} from './programme-model';

const TODAY = '2026-09-01';
const dbs: NastavnikDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

async function device(node: string, now = () => Date.UTC(2026, 8, 1, 10)) {
  const db = new NastavnikDb(`programme-${node}-${Math.random()}`, { indexedDB, IDBKeyRange });
  dbs.push(db);
  await setMeta(db, 'node', node);
  const repo = createRepository(db, { now });
  return { db, repo, programme: () => db.records('programme').get(PROGRAMME_ID) };
}

describe('the programme made on first edit', () => {
  it('keeps every field typed before the new record was read back, defaults filling the rest', async () => {
    const { repo, programme } = await device('pc');
    // Keystrokes in four fields, each saved before the screen has seen the record the first one made.
    const results = await Promise.all([
      saveProgramme(repo, { schoolName: 'МБОУ СОШ № 5' }, TODAY),
      saveProgramme(repo, { directorName: 'Иванова А. П.' }, TODAY),
      saveProgramme(repo, { studentsTotal: 812 }, TODAY),
      saveProgramme(repo, { teachersTotal: 64 }, TODAY),
      saveStage(repo, '1', { responsible: 'Петрова' }, TODAY),
      saveStage(repo, '2', { deadline: '2026-10-15' }, TODAY),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const p = (await programme()) as SyncedRecord<'programme'>;
    expect(p.fields).toMatchObject({
      schoolName: 'МБОУ СОШ № 5',
      directorName: 'Иванова А. П.',
      studentsTotal: 812,
      teachersTotal: 64,
      targetShare: 70,
      schoolYear: '2026-2027',
    });
    const stages = stagesOf(p, TODAY);
    expect(stages.find((s) => s.key === '1')?.responsible).toBe('Петрова');
    expect(stages.find((s) => s.key === '2')?.deadline).toBe('2026-10-15');
    expect(isDefaultStamp(p.stamps.targetShare)).toBe(true);
    expect(isDefaultStamp(p.stamps.schoolName)).toBe(false);
  });

  it('two offline devices that both make it keep what each typed, and a typed default wins', async () => {
    // The staff-room PC's clock is ahead: its defaults must still lose to the phone's typing.
    const pc = await device('pc', () => Date.UTC(2026, 8, 1, 12));
    const phone = await device('phone', () => Date.UTC(2026, 8, 1, 9));
    await saveProgramme(pc.repo, { schoolName: 'Гимназия № 2', targetShare: 80 }, TODAY);
    await saveProgramme(phone.repo, { directorName: 'Смирнов В. В.' }, TODAY);
    await saveStage(phone.repo, '3', { done: true }, TODAY);
    await saveProgramme(phone.repo, { teachersTotal: 30 }, TODAY);
    // Then the PC's user types 0 on purpose: the value its record holds as a default, yet an edit.
    await saveProgramme(pc.repo, { teachersTotal: 0 }, TODAY);
    const a = (await pc.programme()) as SyncedRecord<'programme'>;
    const b = (await phone.programme()) as SyncedRecord<'programme'>;
    for (const merged of [mergeRecords(a, b), mergeRecords(b, a)]) {
      expect(merged.fields).toMatchObject({
        schoolName: 'Гимназия № 2',
        targetShare: 80,
        directorName: 'Смирнов В. В.',
        teachersTotal: 0,
      });
      expect(isOfType(merged, 'programme') && stagesOf(merged, TODAY).find((s) => s.key === '3')?.done).toBe(
        true,
      );
      expect(isDefaultStamp(merged.stamps.teachersTotal)).toBe(false);
    }
  });
});

describe('numbers and years as a curator types them', () => {
  it('reads counts grouped by spaces, shares with their sign, school years written any usual way', () => {
    expect(parseCount('1 250')).toBe(1250);
    expect(parseCount('1\u00a0250')).toBe(1250);
    expect(parseCount('87')).toBe(87);
    expect(parseCount('')).toBeNull();
    expect(parseCount('около 300')).toBeNull();
    expect(parsePercent('70 %')).toBe(70);
    expect(parsePercent('70%')).toBe(70);
    expect(parsePercent('120')).toBeNull();
    for (const year of ['2026-2027', '2026/2027', '2026–2027', '2026 — 2027', '2026/27'])
      expect(parseSchoolYear(year)).toBe('2026-2027');
    expect(parseSchoolYear('2026-2028')).toBeNull();
    expect(parseSchoolYear('2026')).toBeNull();
  });
});
