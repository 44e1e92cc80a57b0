// The one i18n module: every string of the UI goes through t(); Russian by default, English switchable.

import { store } from '../state/store';
import type { MessageKey } from './ru';
import { strings as shell } from './strings-shell';

export type Language = 'ru' | 'en';
export const LANGUAGES: readonly Language[] = ['ru', 'en'];
const STORAGE_KEY = 'nastavnik.language';

function initialLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return saved === 'en' || saved === 'ru' ? saved : 'ru';
}

export const language = store<Language>(initialLanguage());

type Dictionary = Readonly<Record<MessageKey, string>>;
/** English comes as its own chunk when it is asked for. */
const packs: Partial<
  Record<Language, { dictionary: Dictionary; builtinTexts?: Readonly<Record<string, string>> }>
> = {};

/** Loads a language's strings (before the app first renders in it, and when switching to it). */
export async function loadLanguage(lang: Language): Promise<void> {
  if (lang === 'en' && !packs.en) packs.en = await import('./en-pack');
}

// Russian comes in parts: the strings of the first screens with their code (first-strings.ts), all
// of them behind the first screen and before any other screen.
let russian: Dictionary | undefined;
const first: Partial<Record<string, string>> = { ...shell };

/** A first screen's own strings (strings-<part>.ts), added when its code loads. */
export function addStrings(part: Readonly<Record<string, string>>): void {
  Object.assign(first, part);
}
let loadingRussian: Promise<void> | undefined;
/** Counts the strings' arrivals: the app re-renders when it changes. */
export const stringsVersion = store(0);

export function loadAllStrings(): Promise<void> {
  loadingRussian ??= import('./ru').then(
    (m) => {
      russian = m.ru;
      stringsVersion.value += 1;
    },
    (error: unknown) => {
      loadingRussian = undefined; // not kept: the next screen tries again
      throw error;
    },
  );
  return loadingRussian;
}

/** The language chosen last: strings that load after another choice was made do not undo it. */
let chosenLast: Language | null = null;

export async function setLanguage(next: Language): Promise<void> {
  // The choice is kept at once: a reload while its strings still load opens in the language chosen.
  globalThis.localStorage?.setItem(STORAGE_KEY, next);
  chosenLast = next;
  await loadLanguage(next);
  if (chosenLast !== next) return;
  language.value = next;
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

/**
 * A number as the UI's language writes it: «0,3» in Russian, «0.3» in English; at most `fractionDigits`
 * decimals, no digit grouping (a year stays «2026»).
 */
export function formatNumber(n: number, fractionDigits = 1): string {
  return new Intl.NumberFormat(language.value, {
    maximumFractionDigits: fractionDigits,
    useGrouping: false,
  }).format(n);
}

export function t(key: MessageKey, params?: Params): string {
  const template: string | undefined = packs[language.value]?.dictionary[key] ?? russian?.[key] ?? first[key];
  if (template === undefined) {
    // A string the first screens were not expected to use: shown as soon as the rest arrives.
    void loadAllStrings();
    return '';
  }
  if (!params) return template;
  return template.replace(/\{(\w+)((?:\|[^|}]*)*)\}/g, (match, name: string, forms: string) => {
    if (!(name in params)) return match;
    const value = params[name] as string | number;
    if (forms) return plural(Number(value), forms.slice(1).split('|'));
    return typeof value === 'number' ? formatNumber(value, 2) : value;
  });
}

/**
 * A text the app ships with — of the built-in questionnaires (titles, questions, options, scale labels),
 * of the IDP's goal templates — as the UI's language words it (builtin-texts-en.ts): questionnaires'
 * records keep the Russian the server seeded them with — the same on every device, in exports and
 * reports —, so in Russian, and for any text a school wrote or changed, the text as it is.
 */
export function builtinText(text: string): string {
  return packs[language.value]?.builtinTexts?.[text] ?? text;
}

export type { MessageKey };
