// A CPU profile of the worker's isolate, through workerd's DevTools port
// (the Chrome DevTools protocol): BENCH_PROFILE=<file.cpuprofile> on
// bench/edge-reads.ts profiles its cold timeline phase. Open the file in
// Chrome DevTools (Performance) or any .cpuprofile viewer.
import { writeFileSync } from 'node:fs';

interface Target {
  title: string;
  webSocketDebuggerUrl: string;
}

/** Starts sampling every 100 µs in the worker named `worker`; the function returned stops and writes the profile to `file`. */
export async function startCpuProfile(inspectorPort: number, worker = 'showtracker'): Promise<(file: string) => Promise<void>> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as Target[];
  const target = targets.find((candidate) => candidate.title.includes(`core:user:${worker}`)) ?? targets.find((candidate) => candidate.title.includes(worker));
  if (!target) throw new Error(`no DevTools target for ${worker} among: ${targets.map((candidate) => candidate.title).join(', ')}`);
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  let lastId = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
    if (message.id !== undefined) waiting.delete(message.id);
  });
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      lastId += 1;
      waiting.set(lastId, resolve);
      socket.send(JSON.stringify({ id: lastId, method, params }));
    });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: 100 });
  await call('Profiler.start');
  return async (file) => {
    const { profile } = (await call('Profiler.stop')) as { profile: unknown };
    writeFileSync(file, JSON.stringify(profile));
    socket.close();
  };
}
