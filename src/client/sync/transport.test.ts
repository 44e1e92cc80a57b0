import { describe, expect, it } from 'vitest';
import { toWire } from './transport';

describe('the v2 request body', () => {
  it('leaves out what the server assumes when it is missing: a null base, progress not asked for', () => {
    expect(JSON.parse(toWire({ cursor: '12.ab.12', base: null, changes: [], progress: false }))).toEqual({
      cursor: '12.ab.12',
      changes: [],
    });
    expect(JSON.parse(toWire({ cursor: null, base: '3.ab.3', changes: [], progress: true }))).toEqual({
      cursor: null,
      base: '3.ab.3',
      changes: [],
      progress: true,
    });
  });
});
