// Invite codes as people type them: what the server compares (after hashing) and the enrolment screen
// counts. (Codes are made and checked by the server: server/secrets.ts, enrol-service.ts.)

/**
 * Symbols of a code the server makes: 12 of 32 are 60 bits (docs/sync-protocol.md, "Guessing codes"), in
 * three groups of four.
 */
export const CODE_SYMBOLS = 12;

/**
 * Cyrillic letters that look like a symbol of the code's alphabet, as a Russian keyboard types them:
 * a code copied from paper on a phone left in Russian layout («С8DY-7ЗМК») is the same code.
 */
const CYRILLIC_LOOKALIKES: Readonly<Record<string, string>> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  З: '3',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: '0',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
};

/**
 * Accepts what a person types or pastes: any case; spaces, dashes of any kind (a word processor makes
 * «-» an en dash) and invisible format characters (a zero-width space a messenger or web page carries
 * along); O/I/L for 0/1/1; Cyrillic look-alikes.
 */
export function normaliseCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\p{Pd}\p{Cf}]/gu, '')
    .replace(/[АВЕЗКМНОРСТУХ]/g, (letter) => CYRILLIC_LOOKALIKES[letter] ?? letter)
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}
