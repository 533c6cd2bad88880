import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../../server/config';
import { builtCommand } from './commandProcess';
import { waitUntil } from './waitUntil';

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** The settings the tests give every server process; `env` adds to them or overrides them. */
export interface ServerSettings {
  readonly dataDir: string;
  /** The mail server; null writes email as .eml files to the data folder's outbox. */
  readonly smtpUrl: string | null;
  readonly env?: Readonly<Record<string, string>>;
}

/** The environment of a server process: only what is set here, nothing from the environment the tests happen to run in. */
export function serverEnvironment(settings: ServerSettings): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    // No .env file either: only what is set here.
    ENV_FILE: '',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: settings.dataDir,
    COOKIE_SECRET: 'a-production-secret-for-the-resilience-tests-0123456789',
    ...(settings.smtpUrl === null ? {} : { SMTP_URL: settings.smtpUrl }),
    SUBMISSION_RATE_LIMIT: '1000000',
    CONSULTATION_CLOSES_AT: 'P28D',
    ...settings.env,
  };
}

/**
 * The built portal running as a process of its own, in production mode, exactly as `npm run
 * serve` runs it. Everything it prints is kept, to go in failure messages.
 */
export class ServerProcess {
  private output = '';
  private exitedWith: Exit | null = null;
  private listeningPort = 0;

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    // 'close' rather than 'exit': by then everything the process printed has been read.
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => (this.exitedWith = { code, signal }));
  }

  /** Starts the server and resolves once it is listening (on a free port) and serving the form. */
  static async start(settings: ServerSettings, timeoutMs = 10_000): Promise<ServerProcess> {
    const child = spawn(process.execPath, [builtCommand('main')], {
      cwd: projectRoot,
      env: serverEnvironment(settings),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child);
    try {
      const listening = await server.waitForOutput(/listening on [^\s:]+:(\d+)/, timeoutMs);
      server.listeningPort = Number(listening[1]);
      const form = await fetch(`${server.baseUrl}/respond`);
      if (form.status !== 200) throw new Error(`/respond answered ${form.status}`);
    } catch (error) {
      server.kill();
      throw new Error(`The server did not start: ${(error as Error).message}`, { cause: error });
    }
    return server;
  }

  get port(): number {
    return this.listeningPort;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get hasExited(): boolean {
    return this.exitedWith !== null;
  }

  /** Everything the process has printed so far, for a failure message. */
  printed(): string {
    return `--- the server printed ---\n${this.output}--- end ---`;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Kills the process at once, as a crash would; does nothing if it has already exited. */
  kill(): void {
    if (!this.hasExited) this.child.kill('SIGKILL');
  }

  /** Waits for the process to exit, failing with what it printed if that takes longer than `timeoutMs`. */
  async exit(timeoutMs = 10_000): Promise<Exit> {
    await waitUntil(() => this.hasExited, 'the server to exit', { timeoutMs, details: () => this.printed() });
    return this.exitedWith!;
  }

  /** Sends `signal` and waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs?: number): Promise<Exit> {
    this.signal(signal);
    return this.exit(timeoutMs);
  }

  /** Resolves with the match once the process has printed something matching `pattern`; fails if it exits first or takes too long. */
  async waitForOutput(pattern: RegExp, timeoutMs = 5_000): Promise<RegExpExecArray> {
    await waitUntil(() => pattern.test(this.output) || this.hasExited, `the server to print ${pattern}`, {
      timeoutMs,
      details: () => this.printed(),
    });
    const match = pattern.exec(this.output);
    if (!match)
      throw new Error(
        `The server exited (${JSON.stringify(this.exitedWith)}) before printing ${pattern}.\n${this.printed()}`,
      );
    return match;
  }
}
