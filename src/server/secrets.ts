// Tokens and invite codes: random, shown once, stored only as hashes.
import { createHash, randomBytes, randomInt } from 'node:crypto';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * A device's bearer token: `<schoolId>.<256 random bits>`. Naming the school lets the server find the
 * device within that school alone (a distributed database routes it to one node); the secret part is
 * what makes it a credential. Only its hash is stored.
 */
export function newToken(schoolId: string): string {
  return `${schoolId}.${randomBytes(32).toString('base64url')}`;
}

/** The school a token names, or null for tokens made before tokens named their school. */
export function schoolOfToken(token: string): string | null {
  const dot = token.indexOf('.');
  return dot > 0 ? token.slice(0, dot) : null;
}

// Crockford's alphabet: no I, L, O, U, so a code read aloud or typed from paper is not misread.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Symbols of a code made here: 12 of 32 are 60 bits (docs/sync-protocol.md, "Guessing codes"). */
const CODE_SYMBOLS = 12;

/**
 * Twelve symbols (60 bits) in three groups of four: short enough to type from paper on a phone, and too
 * many to guess at any pace the server can answer — so that wrong codes from a school's one address
 * need never hold back a valid one.
 */
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < CODE_SYMBOLS; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code.match(/.{4}/g)?.join('-') ?? code;
}

/**
 * Whether a typed code (as `normaliseCode` reads it) is as long as the codes made here: shorter ones — made
 * by an older version (8 symbols), or set by an administrator as the bootstrap code — could be guessed
 * without a ceiling on attempts, and are held to one.
 */
export const isGuessProof = (normalised: string): boolean => normalised.length >= CODE_SYMBOLS;

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

/** A stable id from a name, formatted as a UUID (version 8), for records the server derives. */
export function derivedId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
