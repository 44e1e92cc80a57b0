// Who is a minor: under 18 (Civil Code of the Russian Federation, art. 21), whose personal data need a
// parent's or legal representative's consent (152-FZ «О персональных данных», art. 9). A person is a
// minor when marked so, or when their birth date says so — a mark «нет» never outweighs a birth date
// (a class list's column said «нет» for a pupil of 17, who then needed no consent).

/** Age of majority, in years. */
const AGE_OF_MAJORITY = 18;

/**
 * Whether someone born on `birthDate` (YYYY-MM-DD) is under 18 on `today` (YYYY-MM-DD). False for a
 * missing or malformed birth date. A birthday on 29 February comes of age on 1 March of a common year.
 */
export function isUnderAge(birthDate: unknown, today: string): boolean {
  if (typeof birthDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return false;
  const comingOfAge = `${Number(birthDate.slice(0, 4)) + AGE_OF_MAJORITY}${birthDate.slice(4)}`;
  return today < comingOfAge;
}

/** Whether a person (their record's fields) is a minor on `today` (YYYY-MM-DD): marked so, or under age. */
export function isMinor(fields: { minor?: unknown; birthDate?: unknown }, today: string): boolean {
  return fields.minor === true || isUnderAge(fields.birthDate, today);
}
