import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/config';

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The built file of a command-line tool (`officer`, `backup`, …), or of the server (`main`). */
export function builtCommand(name: string): string {
  const file = path.join(projectRoot, 'dist', name === 'main' ? 'main.js' : path.join('cli', `${name}.js`));
  if (!fs.existsSync(file)) {
    throw new Error(
      `${path.relative(projectRoot, file)} is missing: run \`npm run build\` first (npm test does). These tests run it as an operator would.`,
    );
  }
  return file;
}

/**
 * Runs a built command-line tool as an operator would from a shell, with only the settings in
 * `env` (and PATH; no .env file unless `env` names one in ENV_FILE), feeding it `stdin`; resolves when it has exited and everything it printed is
 * read. One still running after `timeoutMs` is killed, and its code is null.
 */
export async function runBuiltCommand(
  name: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  { stdin = '', timeoutMs = 20_000 }: { stdin?: string; timeoutMs?: number } = {},
): Promise<CommandResult> {
  const child = spawn(process.execPath, [builtCommand(name), ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', ENV_FILE: '', ...env },
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}
