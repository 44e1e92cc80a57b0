import { describe, expect, it } from 'vitest';
import { meetingFields, newMeetingDefaults } from './meeting-model';

describe('a meeting form', () => {
  it('saves a next step and a topic typed but not added yet, with the rest', () => {
    const form = {
      ...newMeetingDefaults([], ['m1'], new Date('2026-11-30T10:00:00')),
      topics: ['Проект'],
      pendingTopic: ' Олимпиада ',
      pendingStep: ' Прочитать главу 3 ',
    };
    const fields = meetingFields(form, { withPrivate: true, isGroup: false });
    expect(fields.topics).toEqual(['Проект', 'Олимпиада']);
    expect(fields.nextSteps).toEqual([{ id: expect.any(String), text: 'Прочитать главу 3', taskId: null }]);
    // Nothing typed: nothing added.
    const plain = meetingFields(
      { ...form, pendingTopic: ' ', pendingStep: '' },
      { withPrivate: true, isGroup: false },
    );
    expect(plain.topics).toEqual(['Проект']);
    expect(plain.nextSteps).toEqual([]);
  });
});
