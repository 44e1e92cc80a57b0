import { describe, expect, it } from 'vitest';
import { jsonProblem } from './json-bounds';

const nest = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('bounded JSON', () => {
  it('accepts JSON within the bounds', () => {
    expect(
      jsonProblem({ q: [{ id: 'a', options: ['x', 'y'], n: 1.5, ok: true, none: null }] }, 1000, 5),
    ).toBe(null);
    expect(jsonProblem(nest(16), 1000, 16)).toBe(null);
  });

  it('refuses values nested too deep, however deep, without overflowing the stack', () => {
    expect(jsonProblem(nest(17), 1000, 16)).toMatch(/nested at most 16/);
    expect(jsonProblem(nest(200_000), 10_000_000, 16)).toMatch(/nested/);
  });

  it('refuses values larger than the budget before walking all of them', () => {
    expect(jsonProblem('x'.repeat(101), 100, 16)).toMatch(/at most 100 characters/);
    expect(jsonProblem(new Array(2_000_000).fill(0), 1000, 16)).toMatch(/at most 1000/);
    expect(jsonProblem({ ['k'.repeat(200)]: 1 }, 100, 16)).toMatch(/at most 100/);
  });

  it('refuses what JSON cannot hold: non-finite numbers, undefined, class instances', () => {
    expect(jsonProblem([1, Number.POSITIVE_INFINITY], 100, 16)).toMatch(/finite/);
    expect(jsonProblem({ a: Number.NaN }, 100, 16)).toMatch(/finite/);
    expect(jsonProblem(undefined, 100, 16)).toBe('expected JSON');
    expect(jsonProblem(new Date(), 100, 16)).toBe('expected JSON');
  });
});
