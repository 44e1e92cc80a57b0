import { describe, expect, it } from 'vitest';
import { loadAllStrings, setLanguage } from '../i18n/i18n';
import { meetingFields, meetingFormErrors, newMeetingDefaults, STEP_MAX, TOPIC_MAX } from './meeting-model';

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

  it('refuses a next step, a topic or notes over their limits, and keeps each whole', async () => {
    await loadAllStrings();
    await setLanguage('ru');
    const form = newMeetingDefaults([], ['m1'], new Date('2026-11-30T10:00:00'));
    expect(meetingFormErrors({ ...form, pendingStep: 'ш'.repeat(STEP_MAX) })).toEqual({});
    const step = 'ш'.repeat(STEP_MAX + 100);
    const topic = 'т'.repeat(TOPIC_MAX + 1);
    const errors = meetingFormErrors({
      ...form,
      pendingStep: step,
      pendingTopic: topic,
      notes: 'н'.repeat(100_000),
    });
    expect(errors.pendingStep).toContain('600 знаков');
    expect(errors.pendingTopic).toContain('не больше 100');
    expect(errors.notes).toBeDefined();
  });

  it('refuses a meeting marked held on a day still to come, or that lasted no time', async () => {
    // Saved on a phone, it was counted on the curator's home and not in monitoring (a walk-through).
    await loadAllStrings();
    await setLanguage('ru');
    const form = {
      ...newMeetingDefaults([], ['m1'], new Date('2026-11-30T10:00:00')),
      status: 'held' as const,
    };
    const today = '2026-11-30';
    expect(meetingFormErrors({ ...form, date: '2026-11-30' }, today)).toEqual({});
    expect(meetingFormErrors({ ...form, date: '2026-12-20' }, today).date).toMatch(/ещё не наступила/);
    expect(meetingFormErrors({ ...form, date: '2026-12-20', status: 'planned' }, today)).toEqual({});
    expect(meetingFormErrors({ ...form, durationMin: '0' }, today).durationMin).toMatch(/сколько минут/);
    expect(
      meetingFormErrors({ ...form, durationMin: '0', status: 'cancelled', cancelReason: 'Болезнь' }, today),
    ).toEqual({});
    // A mistyped year is refused; last school year's meetings are recorded after the fact; a meeting
    // stored with an older date keeps it when its notes are edited.
    expect(meetingFormErrors({ ...form, date: '2019-09-03' }, today).date).toMatch(
      /Слишком давняя дата: .*1 сентября 2025/,
    );
    expect(meetingFormErrors({ ...form, date: '2025-09-01' }, today)).toEqual({});
    expect(meetingFormErrors({ ...form, date: '2019-09-03' }, today, '2019-09-03')).toEqual({});
  });
});
