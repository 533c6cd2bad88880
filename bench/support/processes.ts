import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

/** A port nothing is listening on, for a server the benchmark starts. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resident memory of a process, in MB: now, and the most since it started (or since `resetPeak`). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kilobytes('VmRSS') / 1024, peakMb: kilobytes('VmHWM') / 1024 };
}

/** Starts counting a process's peak memory again from now (Linux: /proc/<pid>/clear_refs). */
export function resetPeak(pid: number): void {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

export interface RunningServer {
  readonly url: string;
  readonly process: ChildProcess;
  /** Milliseconds from spawning the process to its first served page. */
  readonly startupMs: number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs `node <script>` with `env` (the whole environment) on a free port and waits until `readyPath` answers 200.
 * The server under test and the load client each get a process of their own.
 */
export async function startServer(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  readyPath = '/',
): Promise<RunningServer> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} stopped before it served a page:\n${output}`);
    const answered = await fetch(url + readyPath).then(
      (response) => response.status,
      () => 0,
    );
    if (answered === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const startupMs = performance.now() - started;
  return {
    url,
    process: child,
    startupMs,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
