// Vitest global set-up of the `server-postgres` project: one throw-away cluster for the whole run;
// each test server makes its own database in it.
import type { TestProject } from 'vitest/node';
import { startPgCluster } from './pg-cluster';

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPgCluster();
  project.provide('pgClusterUrl', cluster.url);
  return () => cluster.stop();
}
