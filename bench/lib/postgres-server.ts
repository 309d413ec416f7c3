// A throwaway PostgreSQL 15 server for one bench run, like bench/with-postgres.sh
// but started from Node so one `npm run bench:scale` does everything: a
// cluster in a temporary folder, listening on 127.0.0.1 only, stopped and
// deleted by stop(). PostgreSQL refuses to run as root, so as root its
// commands run as the `postgres` user.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './worker.ts';

const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';

/**
 * Stock settings except durability: a cluster that lives for one run needs no
 * fsync, and turning it off speeds up the seeding, not the timed reads (they
 * never write) — the fan-out does write, and the README says so.
 */
const SERVER_SETTINGS = [
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'max_connections=200',
];

export interface PostgresServer {
  /** Superuser URL of the `postgres` database. */
  serverUrl: string;
  stop(): Promise<void>;
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const ids = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: ids('-u'), gid: ids('-g') };
}

export async function startThrowawayPostgres(): Promise<PostgresServer> {
  if (!existsSync(join(PG_BIN, 'postgres'))) {
    throw new Error(`PostgreSQL 15 not found in ${PG_BIN} (Debian: apt-get install postgresql postgresql-contrib; or set PG_BIN)`);
  }
  const owner = postgresUser();
  const run = (command: string, args: string[]) => {
    const [file, argv] = owner ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, command), ...args]] : [join(PG_BIN, command), args];
    const result = spawnSync(file, argv, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed: ${(result.stderr || result.stdout).trim()}`);
  };

  const dir = mkdtempSync(join(tmpdir(), 'showtracker-bench-pg-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  const password = `bench-${crypto.randomUUID()}`;
  writeFileSync(join(dir, 'pwfile'), `${password}\n`);
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(join(dir, 'pwfile'), owner.uid, owner.gid);
  }
  const stop = async () => {
    if (existsSync(join(data, 'postmaster.pid'))) {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } catch (error) {
        console.error(`while stopping PostgreSQL: ${(error as Error).message}`);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    run('initdb', ['-D', data, '-U', 'postgres', `--pwfile=${join(dir, 'pwfile')}`, '--auth-host=scram-sha-256', '--auth-local=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
    const port = await freePort();
    const options = ['-c listen_addresses=127.0.0.1', `-p ${port}`, `-k ${dir}`, ...SERVER_SETTINGS.map((setting) => `-c ${setting}`)].join(' ');
    try {
      run('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', options, 'start']);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''}`);
    }
    return { serverUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
