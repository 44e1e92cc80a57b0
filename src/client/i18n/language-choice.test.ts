// The language chosen last is the one shown, however long the other's strings take to load (English
// loads on demand: on a slow phone a user may pick it and, before it arrives, pick Russian again).
import { expect, it } from 'vitest';
import { language, setLanguage, t } from './i18n';

it('keeps Russian when English, picked just before, arrives after it', async () => {
  const toEnglish = setLanguage('en');
  const backToRussian = setLanguage('ru');
  await Promise.all([toEnglish, backToRussian]);
  expect(language.value).toBe('ru');
  expect(t('nudge.gap', { n: 1 })).toBe('Нет встреч уже 1 день');
  // …and English still comes when picked again.
  await setLanguage('en');
  expect(t('nudge.gap', { n: 1 })).toBe('No meeting for 1 day');
});
