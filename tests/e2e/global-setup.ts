import { mkdirSync, writeFileSync } from 'node:fs';
import { E2E_BOOTSTRAP, E2E_DISTRICT, E2E_PORT, E2E_WORKERS } from '../../playwright.config';
import { adminFile, districtFile } from './api';

async function enrolWith(port: number, code: string, file: string): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/enrol`, {
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
 * Enrols, on each worker's server, the admin curator with the bootstrap code and the district's
 * administrator with the district code; tests make everything else through them (these codes work once
 * per server). This runs in the runner, where E2E_PORT is the first server's port.
 */
export default async function globalSetup(): Promise<void> {
  mkdirSync('.tmp', { recursive: true });
  for (let index = 0; index < E2E_WORKERS; index++) {
    await enrolWith(E2E_PORT + index, E2E_BOOTSTRAP, adminFile(E2E_PORT + index));
    await enrolWith(E2E_PORT + index, E2E_DISTRICT, districtFile(E2E_PORT + index));
  }
}
