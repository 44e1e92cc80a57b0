import { describe, expect, it } from 'vitest';
import { validateChange } from '../../domain/validate';
import { loadAllStrings, setLanguage } from '../i18n/i18n';
import { fieldOfFailure, saveMessage } from './save-message';

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

  it('say a pasted control character cannot be saved, in the user’s words', async () => {
    await loadAllStrings();
    await setLanguage('ru');
    const pasted = validateChange({
      id: '0193a3f0-0000-7000-8000-000000000001',
      type: 'goal',
      fields: { title: 'Цель\u0000 из документа' },
      stamps: { title: '2026-11-30T10:00:00.000Z_0000_d' },
    });
    expect(pasted.ok).toBe(false);
    const reason = pasted.ok ? '' : pasted.reason;
    expect(saveMessage({ ok: false, code: 'invalid', reason }).text).toMatch(
      /^В тексте есть служебный символ, который нельзя сохранить/,
    );
  });
});

describe('the field a refused save is about', () => {
  it('is the one the schema names, so that its error is said under it', () => {
    const refused = {
      ok: false,
      code: 'invalid',
      reason: "field 'scope' of consent: expected at most 1000 characters",
    } as const;
    expect(fieldOfFailure(refused)).toBe('scope');
    expect(fieldOfFailure({ ok: false, code: 'quota', reason: 'full' })).toBeNull();
    expect(fieldOfFailure({ ok: true, id: 'x' } as never)).toBeNull();
  });
});
