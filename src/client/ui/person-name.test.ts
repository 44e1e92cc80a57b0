import { describe, expect, it } from 'vitest';
import type { SyncedRecord } from '../../domain/record';
import { readableNames } from './person-name';

const person = (fullName: string) => ({ fields: { fullName } }) as SyncedRecord<'person'>;

describe('the names of a group', () => {
  it('are those the viewer can read, with no placeholder for the others', () => {
    expect(readableNames([person('Ученикова Анна'), undefined, undefined])).toBe('Ученикова Анна');
    expect(readableNames([undefined, person('Б'), person('В')])).toBe('Б, В');
    expect(readableNames([undefined])).toBe('');
  });
});
