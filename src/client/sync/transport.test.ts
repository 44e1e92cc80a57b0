import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from './transport';

describe('the v2 request body', () => {
  it('leaves out what the server assumes when it is missing: a null base, progress not asked for', () => {
    expect(JSON.parse(toWire({ cursor: '12.ab.12', base: null, changes: [], progress: false }))).toEqual({
      cursor: '12.ab.12',
      packIds: true,
      changes: [],
    });
    expect(JSON.parse(toWire({ cursor: null, base: '3.ab.3', changes: [], progress: true }))).toEqual({
      cursor: null,
      base: '3.ab.3',
      changes: [],
      progress: true,
      packIds: true,
    });
  });
});

describe('packed ids', () => {
  const id = '0193a5b2-7c1d-7e4f-8a9b-0c1d2e3f4a5b';
  const packed = '0193a5b27c1d7e4f8a9b0c1d2e3f4a5b';

  it('go out packed, with the request asking for them back packed', () => {
    const body = JSON.parse(
      toWire({
        cursor: null,
        changes: [{ id, type: 'meeting', fields: { notes: 'x' }, stamps: { notes: 's' } }],
      }),
    );
    expect(body.packIds).toBe(true);
    expect(body.changes[0].id).toBe(packed);
  });

  it('come back whole in every place an answer names a record: records, purge, rejections', () => {
    const answer = fromWire({
      cursor: '1.ab.1',
      hasMore: false,
      serverTime: '2026-11-30T00:00:00.000Z',
      pass: 'changes',
      changes: [{ id: packed, type: 'meeting', fields: {} }],
      purge: [packed, '01HZY8Q6J9V7K3M2N4P5R6S7T8'],
      rejected: [{ id: packed, code: 'invalid', reason: 'r' }],
    });
    expect(answer.changes[0]?.id).toBe(id);
    expect(answer.purge).toEqual([id, '01HZY8Q6J9V7K3M2N4P5R6S7T8']);
    expect(answer.rejected[0]?.id).toBe(id);
  });
});
