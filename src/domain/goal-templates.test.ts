import { describe, expect, it } from 'vitest';
import { templatesFor } from './goal-templates';

describe('goal templates', () => {
  it('offer a pupil a pupil’s goals first, and a young teacher a teacher’s', () => {
    expect(templatesFor('student')[0]?.forKind).toBe('student');
    expect(templatesFor(undefined)[0]?.forKind).toBe('student');
    expect(templatesFor('teacher')[0]?.key).toBe('young-teacher');
    // None is left out: the others follow.
    expect(
      templatesFor('student')
        .map((g) => g.key)
        .sort(),
    ).toEqual(
      templatesFor('teacher')
        .map((g) => g.key)
        .sort(),
    );
  });
});
