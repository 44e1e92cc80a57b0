// The one i18n module: every string of the UI goes through t(); Russian by default, English switchable.
import { signal } from '@preact/signals';
import { type MessageKey, ru } from './ru';

export type Language = 'ru' | 'en';
export const LANGUAGES: readonly Language[] = ['ru', 'en'];
const STORAGE_KEY = 'nastavnik.language';

function initialLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return saved === 'en' || saved === 'ru' ? saved : 'ru';
}

export const language = signal<Language>(initialLanguage());

type Pack = { dictionary: Readonly<Record<MessageKey, string>> };
/** Russian is always here; English comes as its own chunk when it is asked for. */
const packs: Partial<Record<Language, Pack>> = { ru: { dictionary: ru } };

/** Loads a language's strings (before the app first renders in it, and when switching to it). */
export async function loadLanguage(lang: Language): Promise<void> {
  if (!packs[lang]) packs[lang] = await import('./en-pack');
}

export async function setLanguage(next: Language): Promise<void> {
  await loadLanguage(next);
  language.value = next;
  globalThis.localStorage?.setItem(STORAGE_KEY, next);
  if (globalThis.document) document.documentElement.lang = next;
}

export type Params = Record<string, string | number>;

const PLURAL_FORMS: Record<Language, readonly Intl.LDMLPluralRule[]> = {
  ru: ['one', 'few', 'many'],
  en: ['one', 'other'],
};

/** `{n|день|дня|дней}` picks the form of the word for the number n, by the language's plural rules. */
function plural(n: number, forms: string[]): string {
  const rule = new Intl.PluralRules(language.value).select(n);
  const index = PLURAL_FORMS[language.value].indexOf(rule);
  return forms[index === -1 ? forms.length - 1 : index] ?? forms.at(-1) ?? '';
}

export function t(key: MessageKey, params?: Params): string {
  const template: string = packs[language.value]?.dictionary[key] ?? ru[key];
  if (!params) return template;
  return template.replace(/\{(\w+)((?:\|[^|}]*)*)\}/g, (match, name: string, forms: string) => {
    if (!(name in params)) return match;
    return forms ? plural(Number(params[name]), forms.slice(1).split('|')) : String(params[name]);
  });
}

export type { MessageKey };
