// What every bench's record starts with, the line that says what it ran on,
// and where the record is written.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface BenchRun {
  mode: 'embedded' | 'postgres';
  ranAt: string;
  /** The knobs this run used. */
  config: Record<string, number>;
  machine: Record<string, string | number>;
  /** 1-minute load average before and after the run: how much else was competing for the cores. */
  loadAverage: { before: number; after: number };
  database: { label: string; version: string };
}

export const machineLine = ({ machine: m, loadAverage: l }: BenchRun) =>
  `  machine: ${m.cpu} × ${m.cores}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}, load average ${l.before} before / ${l.after} after`;

export function writeResults(path: string, results: object): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
