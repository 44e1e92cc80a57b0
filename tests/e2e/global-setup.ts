import { mkdirSync, writeFileSync } from 'node:fs';
import { E2E_BOOTSTRAP, E2E_DISTRICT, E2E_PORT } from '../../playwright.config';
import { ADMIN_FILE, DISTRICT_FILE } from './api';

async function enrolWith(code: string, file: string): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${E2E_PORT}/api/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName: 'e2e set-up' }),
  });
  if (!response.ok)
    throw new Error(`enrolment with ${code} failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { token: string; person: { id: string } };
  writeFileSync(file, JSON.stringify({ token: body.token, personId: body.person.id }));
}

/**
 * Enrols the admin curator with the bootstrap code and the district's administrator with the district
 * code; tests make everything else through them (these codes work once per server).
 */
export default async function globalSetup(): Promise<void> {
  mkdirSync('.tmp', { recursive: true });
  await enrolWith(E2E_BOOTSTRAP, ADMIN_FILE);
  await enrolWith(E2E_DISTRICT, DISTRICT_FILE);
}
