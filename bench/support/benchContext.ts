import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadPlan, LoadResult } from './loadClient';
import { startServer, type RunningServer } from './processes';

export const projectRoot = path.resolve(__dirname, '../../../..');
const compiledBench = path.resolve(__dirname, '..');
export const portalScript = path.join(projectRoot, 'dist', 'main.js');

/** One line of bench/RESULTS.md. */
export interface BenchRow {
  readonly benchmark: string;
  readonly figure: string;
  readonly baseline: string;
  /** figure ÷ baseline, where that means something. */
  readonly ratio: number | null;
  readonly target: string;
  readonly met: boolean;
}

/** A generated database: the data folder to point the portal at, and the window it was made for. */
export interface BenchData {
  readonly dataDir: string;
  readonly opensAt: string;
}

export const officerEmail = 'bench.officer@example.org';
export const officerPassword = 'a long bench password 0123456789';

/**
 * The portal's settings for a benchmark: production, the data's window, no submission limit, and
 * email to .eml files whatever SMTP_URL this shell (or a .env file) has.
 */
export function portalEnv(data: BenchData): NodeJS.ProcessEnv {
  const { SMTP_URL: _ignored, ...inherited } = process.env;
  return {
    ...inherited,
    NODE_ENV: 'production',
    COOKIE_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: data.dataDir,
    // A time rather than a duration: a duration is resolved once for a data folder and kept, and
    // the generated data is kept from run to run.
    CONSULTATION_OPENS_AT: data.opensAt,
    CONSULTATION_CLOSES_AT: new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString(),
    ENV_FILE: '',
    SUBMISSION_RATE_LIMIT: '1000000000',
  };
}

export function startPortal(data: BenchData): Promise<RunningServer> {
  return startServer(portalScript, [], portalEnv(data));
}

export function startBaseline(mode: string, ...args: string[]): Promise<RunningServer> {
  return startServer(path.join(compiledBench, 'baselines', 'bareServer.js'), [mode, ...args], {
    ...process.env,
    NODE_ENV: 'production',
  });
}

/** Runs a compiled script of the portal's (dist/…) or the bench's with the data's settings, and returns what it printed. */
export function runNode(
  script: string,
  args: string[],
  data: BenchData,
  options: { input?: string; env?: NodeJS.ProcessEnv; showOutput?: boolean } = {},
): string {
  return execFileSync(process.execPath, [script, ...args], {
    env: { ...portalEnv(data), ...options.env },
    input: options.input,
    encoding: 'utf8',
    stdio: options.showOutput ? ['pipe', 'inherit', 'inherit'] : 'pipe',
    maxBuffer: 64 * 1024 * 1024,
  });
}

export function benchScript(relative: string): string {
  return path.join(compiledBench, relative);
}

/** Loads a server with autocannon from a process of its own. */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const planFile = path.join(os.tmpdir(), `bench-plan-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(planFile, JSON.stringify(plan));
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const client = spawn(process.execPath, [benchScript('support/loadClient.js'), planFile], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let printed = '';
      client.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      client.on('exit', (code) =>
        code === 0 ? resolve(printed) : reject(new Error(`The load client failed (exit ${code})`)),
      );
    });
    return JSON.parse(output) as LoadResult;
  } finally {
    fs.rmSync(planFile, { force: true });
  }
}

/** Requests that did not get the expected status. */
export function failures(result: LoadResult, expectedStatus: number): number {
  const unexpected = Object.entries(result.statusCounts)
    .filter(([status]) => Number(status) !== expectedStatus)
    .reduce((sum, [, count]) => sum + count, 0);
  return unexpected + result.errors + result.timeouts;
}

export const format = {
  perSecond: (value: number) => `${Math.round(value).toLocaleString('en-GB')}/s`,
  ms: (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`,
  mb: (value: number) => `${Math.round(value)} MB`,
};
