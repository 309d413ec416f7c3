// Starts the test database once for the whole run: the Postgres at
// DATABASE_URL when set (CI's real PostgreSQL 15), else an in-memory embedded
// PGlite; migrates it and hands the worker the bridge address.
import type { TestProject } from 'vitest/node';
import { startLocalDatabase } from '../dev/lib/database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseWsProxy: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await startLocalDatabase({ databaseUrl: process.env.DATABASE_URL || undefined });
  project.provide('databaseUrl', database.databaseUrl);
  project.provide('databaseWsProxy', database.wsProxy);
  return () => database.stop();
}
