import { describe, expect, it } from 'vitest';
import { approvalNote, approvalOrderNumber } from './order-document';

describe("an approval order's note in a pair's history", () => {
  it('is kept in the language of the documents, and read back as the order it names', () => {
    // A curator working in English put «approved by order No. …» into the school's Russian bases.
    expect(approvalNote('145-о')).toBe('утверждена приказом № 145-о');
    expect(approvalOrderNumber(approvalNote('145-о'))).toBe('145-о');
    expect(approvalOrderNumber('Наставник уволился')).toBeNull();
    expect(approvalOrderNumber(approvalNote(''))).toBeNull();
  });
});
