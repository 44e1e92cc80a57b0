// The district administrator's calls to the server (they need the network: a school is made there),
// and the district's figures as rows for the spreadsheet.
import type { SchoolSummaryFields } from '../../domain/record-types';
import { CONTRACT_HEADER, CONTRACT_VERSION, type DistrictRole } from '../../domain/sync-contract';

export type SchoolRow = { id: string; name: string; createdAt: string; hasCurator: boolean };
export type Code = { code: string; expiresAt: string };
export type Answer<T> = { ok: true; value: T } | { ok: false; reason: string; isOffline: boolean };

async function call<T>(token: string, method: string, path: string, body?: unknown): Promise<Answer<T>> {
  try {
    const response = await fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        [CONTRACT_HEADER]: String(CONTRACT_VERSION),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json().catch(() => ({}))) as { reason?: string };
    if (!response.ok) return { ok: false, reason: json.reason ?? response.statusText, isOffline: false };
    return { ok: true, value: json as T };
  } catch {
    return { ok: false, reason: 'offline', isOffline: true };
  }
}

export const listSchools = (token: string) =>
  call<{ schools: SchoolRow[] }>(token, 'GET', '/api/v1/district/schools');

export const createSchool = (token: string, name: string) =>
  call<{ school: { id: string; name: string } } & Code>(token, 'POST', '/api/v1/district/schools', { name });

export const newCuratorCode = (token: string, schoolId: string) =>
  call<Code>(token, 'POST', `/api/v1/district/schools/${encodeURIComponent(schoolId)}/curator-code`);

export const inviteMember = (token: string, fullName: string, role: DistrictRole) =>
  call<{ personId: string } & Code>(token, 'POST', '/api/v1/district/invites', { fullName, role });

/** The columns of the district's table, in the order they are shown and exported. */
export const SUMMARY_COLUMNS = [
  'schoolName',
  'coverageAll',
  'targetShare',
  'coverageStudents',
  'coverageTeachers',
  'workingPairs',
  'pairs',
  'meetings',
  'satisfactionMentees',
  'satisfactionMentors',
  'stagesDone',
  'computedAt',
] as const satisfies readonly (keyof SchoolSummaryFields)[];

export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];
