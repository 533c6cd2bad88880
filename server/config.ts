import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseDotEnv } from 'dotenv';
import { DateTime, Duration } from 'luxon';
import { z } from 'zod';
import { languages, type Language } from './platform/vocabulary';

/** The project folder: one level above both `server/` (tests) and `dist/` (built). */
export const projectRoot = path.resolve(__dirname, '..');

export const LONDON = 'Europe/London';

/**
 * A time that overrides the consultation's own opening or closing time. Either an absolute
 * ISO 8601 time (read in London time when it has no offset) or an ISO 8601 duration such as
 * `P28D`, meaning that long after the portal first started on its data with that setting (see
 * platform/settings/serverSettings).
 */
export interface TimeOverride {
  readonly setting: string;
  readonly instant: Date;
}

export interface Config {
  readonly environment: 'production' | 'development' | 'test';
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly databasePath: string;
  readonly uploadsDir: string;
  readonly tempDir: string;
  readonly contentDir: string;
  /** The address people reach the portal at, for links in email and to decide on Secure cookies. */
  readonly baseUrl: string;
  readonly cookieSecret: string;
  readonly trustProxy: boolean | number | string;
  readonly opensAtOverride: TimeOverride | null;
  readonly closesAtOverride: TimeOverride | null;
  /**
   * Which of the settings a command-line tool may take from the running server's were given here
   * (BASE_URL or PORT; CONSULTATION_OPENS_AT; CONSULTATION_CLOSES_AT), rather than left to their defaults.
   */
  readonly given: { readonly baseUrl: boolean; readonly opensAt: boolean; readonly closesAt: boolean };
  /**
   * How long after the close a response is still accepted from a form opened before it, so that
   * someone who was writing at the deadline does not lose their response.
   */
  readonly lateResponseGraceMs: number;
  /** Responses one client may post in fifteen minutes. */
  readonly submissionRateLimit: number;
  readonly uploads: {
    /** What the reports kept for forms shown again may take up, all visitors together. */
    readonly heldMaxBytes: number;
    /** Free space on the data folder's disk that new report files never take: the database needs it. */
    readonly freeSpaceReserveBytes: number;
  };
  /** How long a stop waits for requests and the email being sent, before it cuts them off. */
  readonly shutdownTimeoutMs: number;
  readonly mail: {
    /** SMTP server, e.g. smtps://user:pass@smtp.example.org:465; null writes .eml files to `outboxDir`. */
    readonly smtpUrl: string | null;
    readonly outboxDir: string;
    readonly from: string;
    /** Where replies go; null means the Policy Officer's address in the consultation's content. */
    readonly replyTo: string | null;
    /** How often the worker looks for email to send and digests falling due. */
    readonly pollMs: number;
  };
  readonly digests: {
    /** Addresses that always get the digests, besides officers who opt in. */
    readonly recipients: readonly string[];
    /** The language `recipients` read the digests in; each officer who opts in chooses their own. */
    readonly language: Language;
    /** London hour of the weekly and daily digests. */
    readonly hour: number;
    /** Day of the week of the weekly digest, 1 (Monday) to 7 (Sunday). */
    readonly weekday: number;
    /** The digest is daily for this many days before the deadline. */
    readonly dailyForDays: number;
  };
}

export class ConfigError extends Error {}

const megabyte = 1024 * 1024;

const environmentSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).optional(),
  DATABASE_PATH: z.string().min(1).optional(),
  CONTENT_DIR: z.string().min(1).optional(),
  BASE_URL: z.url('BASE_URL must be a full address such as https://consult.example.org').optional(),
  COOKIE_SECRET: z.string().min(32, 'COOKIE_SECRET must be at least 32 characters').optional(),
  TRUST_PROXY: z.string().optional(),
  CONSULTATION_OPENS_AT: z.string().optional(),
  CONSULTATION_CLOSES_AT: z.string().optional(),
  LATE_RESPONSE_GRACE_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(60),
  SUBMISSION_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  HELD_REPORTS_MAX_MB: z.coerce.number().positive().default(1024),
  FREE_SPACE_RESERVE_MB: z.coerce.number().min(0).default(500),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must start smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Policy Consultation <noreply@localhost>'),
  MAIL_REPLY_TO: z.email('MAIL_REPLY_TO must be an email address').optional(),
  MAIL_POLL_SECONDS: z.coerce.number().min(0.05).max(3600).default(5),
  DIGEST_RECIPIENTS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((address) => address.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.email('DIGEST_RECIPIENTS must be email addresses separated by commas'))),
  DIGEST_LANGUAGE: z.enum(languages, 'DIGEST_LANGUAGE must be en (English) or cy (Welsh)').default('en'),
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  DIGEST_WEEKDAY: z.coerce.number().int().min(1).max(7).default(1),
  DIGEST_DAILY_DAYS: z.coerce.number().int().min(0).max(60).default(7),
});

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** Outside production and tests, the portal runs a preview open for 28 days (see the README). */
const developmentPreview = 'P28D';

export function parseTimeOverride(name: string, value: string | undefined, startedAt: Date): TimeOverride | null {
  if (value === undefined || value.trim() === '' || value.trim() === 'none') return null;
  const setting = value.trim();
  if (setting.startsWith('P')) {
    const duration = Duration.fromISO(setting);
    if (!duration.isValid) throw new ConfigError(`${name}: "${setting}" is not an ISO 8601 duration such as P28D`);
    return { setting, instant: DateTime.fromJSDate(startedAt).plus(duration).toJSDate() };
  }
  const time = DateTime.fromISO(setting, { zone: LONDON, setZone: true });
  if (!time.isValid) {
    throw new ConfigError(`${name}: "${setting}" is not a time such as 2020-06-15T23:59:59 or a duration such as P28D`);
  }
  return { setting, instant: time.toJSDate() };
}

/**
 * The process's environment over the settings in a `.env` file: the project's own, or the file
 * ENV_FILE names ('' for none). The server and every command read the same file.
 */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const file = env.ENV_FILE ?? path.join(projectRoot, '.env');
  if (file === '') return env;
  let fileSettings: Record<string, string>;
  try {
    fileSettings = parseDotEnv(fs.readFileSync(path.resolve(projectRoot, file)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && env.ENV_FILE === undefined) return env;
    throw new ConfigError(
      `ENV_FILE: the settings file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
    );
  }
  return { ...fileSettings, ...env };
}

const isGiven = (value: string | undefined) => value !== undefined && value.trim() !== '';

export function createConfig(env: NodeJS.ProcessEnv = readEnvironment(), startedAt: Date = new Date()): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`The portal's settings are not valid:\n  ${problems.join('\n  ')}`);
  }
  const settings = parsed.data;
  const environment = settings.NODE_ENV;
  if (environment === 'production' && !settings.COOKIE_SECRET) {
    throw new ConfigError('COOKIE_SECRET must be set in production (at least 32 random characters).');
  }
  const dataDir = path.resolve(projectRoot, settings.DATA_DIR ?? 'data');
  return Object.freeze({
    environment,
    host: settings.HOST,
    port: settings.PORT,
    dataDir,
    databasePath: path.resolve(dataDir, settings.DATABASE_PATH ?? 'portal.db'),
    uploadsDir: path.join(dataDir, 'uploads'),
    tempDir: path.join(dataDir, 'tmp'),
    baseUrl: (settings.BASE_URL ?? `http://localhost:${settings.PORT}`).replace(/\/+$/, ''),
    contentDir: path.resolve(projectRoot, settings.CONTENT_DIR ?? 'content/stage-2'),
    // Outside production a fresh secret each start is fine: it only signs short-lived cookies.
    cookieSecret: settings.COOKIE_SECRET ?? randomBytes(32).toString('hex'),
    trustProxy: parseTrustProxy(settings.TRUST_PROXY),
    opensAtOverride: parseTimeOverride('CONSULTATION_OPENS_AT', settings.CONSULTATION_OPENS_AT, startedAt),
    closesAtOverride: parseTimeOverride(
      'CONSULTATION_CLOSES_AT',
      settings.CONSULTATION_CLOSES_AT ?? (environment === 'development' ? developmentPreview : undefined),
      startedAt,
    ),
    given: Object.freeze({
      baseUrl: isGiven(env.BASE_URL) || isGiven(env.PORT),
      opensAt: isGiven(env.CONSULTATION_OPENS_AT),
      closesAt: isGiven(env.CONSULTATION_CLOSES_AT),
    }),
    lateResponseGraceMs: settings.LATE_RESPONSE_GRACE_MINUTES * 60 * 1000,
    submissionRateLimit: settings.SUBMISSION_RATE_LIMIT,
    uploads: Object.freeze({
      heldMaxBytes: Math.round(settings.HELD_REPORTS_MAX_MB * megabyte),
      freeSpaceReserveBytes: Math.round(settings.FREE_SPACE_RESERVE_MB * megabyte),
    }),
    shutdownTimeoutMs: settings.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    mail: Object.freeze({
      smtpUrl: settings.SMTP_URL ?? null,
      outboxDir: path.join(dataDir, 'outbox'),
      from: settings.MAIL_FROM,
      replyTo: settings.MAIL_REPLY_TO ?? null,
      pollMs: settings.MAIL_POLL_SECONDS * 1000,
    }),
    digests: Object.freeze({
      recipients: Object.freeze(settings.DIGEST_RECIPIENTS),
      language: settings.DIGEST_LANGUAGE,
      hour: settings.DIGEST_HOUR,
      weekday: settings.DIGEST_WEEKDAY,
      dailyForDays: settings.DIGEST_DAILY_DAYS,
    }),
  });
}
