import { describe, expect, it } from 'vitest';
import { GOAL_TEMPLATES } from '../../domain/goal-templates';
import { BUILTIN_TEMPLATES } from '../../domain/questionnaires/builtin-templates';
import { ROADMAP_STAGES } from '../../domain/roadmap';
import { BUILTIN_TEXTS_EN } from './builtin-texts-en';
import { builtinText, setLanguage } from './i18n';

/** Every text of the built-in questionnaires, the roadmap's presets and the IDP's goal templates a user reads. */
const builtinTexts = () =>
  new Set([
    // An English roadmap showed «Заместители директора» in every stage's «Responsible» (a walk-through).
    ...ROADMAP_STAGES.map((s) => s.responsible),
    ...GOAL_TEMPLATES.flatMap((g) => [g.title, g.area, g.description, ...g.tasks]),
    ...BUILTIN_TEMPLATES.flatMap((template) => [
      template.title,
      template.description,
      ...template.questions.flatMap((q) => [
        q.text,
        ...(q.help ? [q.help] : []),
        ...(q.options ?? []),
        ...(q.minLabel ? [q.minLabel] : []),
        ...(q.maxLabel ? [q.maxLabel] : []),
      ]),
    ]),
  ]);

describe('the built-in questionnaires and goal templates in English', () => {
  it('have every text translated, and no translation of a text they no longer have', () => {
    const texts = builtinTexts();
    expect([...texts].filter((text) => !(text in BUILTIN_TEXTS_EN))).toEqual([]);
    expect(Object.keys(BUILTIN_TEXTS_EN).filter((text) => !texts.has(text))).toEqual([]);
  });

  it('are shown in the UI’s language; a text a school wrote is shown as typed', async () => {
    await setLanguage('en');
    expect(builtinText('Промежуточная обратная связь')).toBe('Interim feedback');
    expect(builtinText('Промежуточная обратная связь (7 классы)')).toBe(
      'Промежуточная обратная связь (7 классы)',
    );
    await setLanguage('ru');
    expect(builtinText('Промежуточная обратная связь')).toBe('Промежуточная обратная связь');
  });
});
