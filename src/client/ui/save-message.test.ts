import { describe, expect, it } from 'vitest';
import { loadAllStrings, setLanguage } from '../i18n/i18n';
import { saveMessage } from './save-message';

describe('save messages', () => {
  it('say a text is too long in the user’s words, with the limit, not the schema’s reason', async () => {
    await loadAllStrings();
    await setLanguage('ru');
    const result = {
      ok: false,
      code: 'invalid',
      reason: "field 'title' of goal: expected at most 300 characters",
    } as const;
    expect(saveMessage(result).text).toBe(
      'Слишком длинный текст: не больше 300 знаков. Сократите его — набранное осталось в поле.',
    );
    await setLanguage('en');
    expect(saveMessage(result).text).toMatch(/^The text is too long: at most 300 characters/);
    await setLanguage('ru');
  });
});
