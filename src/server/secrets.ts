// Tokens and invite codes: random, shown once, stored only as hashes.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { CODE_SYMBOLS } from '../domain/invite-code';

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

/** A stable id from a name, formatted as a UUID (version 8), for records the server derives. */
export function derivedId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
