import { mkdirSync, writeFileSync } from 'node:fs';
import { E2E_BOOTSTRAP, E2E_PORT } from '../../playwright.config';
import { ADMIN_FILE } from './api';

/** Enrols the admin curator with the bootstrap code; tests make everything else through it. */
export default async function globalSetup(): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${E2E_PORT}/api/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: E2E_BOOTSTRAP, deviceName: 'e2e set-up' }),
  });
  if (!response.ok)
    throw new Error(`bootstrap enrolment failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { token: string; person: { id: string } };
  mkdirSync('.tmp', { recursive: true });
  writeFileSync(ADMIN_FILE, JSON.stringify({ token: body.token, personId: body.person.id }));
}
