// The roles of the contract, apart from its schemas so that the app's shell can tell them without
// loading the schema library (see sync-contract.ts).

/** The roles of the people of a school (the contract's). */
export type Role = 'curator' | 'mentor' | 'mentee';
export const ROLES: readonly Role[] = ['curator', 'mentor', 'mentee'];

/**
 * The roles of a district's people, who belong to the district, not to a school: its administrator
 * makes schools and their first curators' codes; both see every school's figures, never a person.
 */
export type DistrictRole = 'district-admin' | 'district';
export const DISTRICT_ROLES: readonly DistrictRole[] = ['district-admin', 'district'];
export type AnyRole = Role | DistrictRole;

export function isDistrictRole(role: AnyRole): role is DistrictRole {
  return role === 'district-admin' || role === 'district';
}
