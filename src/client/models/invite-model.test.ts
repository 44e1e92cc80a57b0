import { describe, expect, it } from 'vitest';
import type { SyncedRecord } from '../../domain/record';
import type { PairStatus, PersonKind } from '../../domain/record-types';
import { presetRole } from './invite-model';

const person = (kind: PersonKind): SyncedRecord<'person'> => ({
  id: 'p',
  type: 'person',
  fields: { kind },
  stamps: {},
});
const pair = (status: PairStatus): SyncedRecord<'pair'> => ({
  id: 'x',
  type: 'pair',
  fields: { status },
  stamps: {},
});

describe('the role an invite is preset to', () => {
  it('follows the pairs the person is in', () => {
    expect(presetRole(person('teacher'), [], [pair('active')])).toBe('mentee');
    expect(presetRole(person('student'), [pair('proposed')], [])).toBe('mentor');
    expect(presetRole(person('student'), [pair('active')], [pair('active')])).toBe('mentor');
  });

  it('follows the kind of person when they are in no open pair', () => {
    expect(presetRole(person('student'), [], [])).toBe('mentee');
    expect(presetRole(person('teacher'), [], [])).toBe('mentor');
    expect(presetRole(person('student'), [], [pair('ended')])).toBe('mentee');
    expect(presetRole(person('teacher'), [pair('finished')], [])).toBe('mentor');
  });
});
