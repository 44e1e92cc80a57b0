import { describe, expect, it } from 'vitest';
import { store } from './store';

describe('store', () => {
  it('tells its listeners of each change, not of a value set again, and stops when asked', () => {
    const online = store(true);
    const seen: boolean[] = [];
    const stop = online.subscribe(() => seen.push(online.value));
    online.value = false;
    online.value = false;
    online.value = true;
    stop();
    online.value = false;
    expect(seen).toEqual([false, true]);
    expect(online.value).toBe(false);
  });
});
