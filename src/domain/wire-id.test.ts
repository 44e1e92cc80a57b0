import { describe, expect, it } from 'vitest';
import { packId, unpackId } from './wire-id';

describe('packed ids on the wire', () => {
  it('drop a lower-case UUID’s dashes and put them back', () => {
    const id = '0193a5b2-7c1d-7e4f-8a9b-0c1d2e3f4a5b';
    expect(packId(id)).toBe('0193a5b27c1d7e4f8a9b0c1d2e3f4a5b');
    expect(unpackId(packId(id))).toBe(id);
  });

  it('leave every other id as it is, both ways: ULIDs, upper-case UUIDs, anything odd', () => {
    for (const id of [
      '01HZY8Q6J9V7K3M2N4P5R6S7T8',
      '0193A5B2-7C1D-7E4F-8A9B-0C1D2E3F4A5B',
      '0193a5b27c1d7e4f8a9b0c1d2e3f4a5',
      'not-an-id',
      '',
    ]) {
      expect(packId(id)).toBe(id);
      expect(unpackId(id)).toBe(id);
    }
    // 32 upper-case hex digits were never packed by anyone: left as they are.
    expect(unpackId('0193A5B27C1D7E4F8A9B0C1D2E3F4A5B')).toBe('0193A5B27C1D7E4F8A9B0C1D2E3F4A5B');
  });
});
