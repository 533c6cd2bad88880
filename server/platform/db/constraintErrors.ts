import { isSqliteError } from './storageFaults';

/** A write the database refused because a value it keeps unique is already there. */
export abstract class UniqueValueTaken extends Error {
  constructor(options: ErrorOptions) {
    super(new.target.name, options);
    this.name = new.target.name;
  }
}

/** The error a repository throws for one unique constraint, made with SQLite's error as its cause. */
export type UniqueValueTakenClass = new (options: ErrorOptions) => UniqueValueTaken;

const uniqueFailure = /^UNIQUE constraint failed: (.+)$/;

/**
 * The columns of the unique constraint a failed write broke, as SQLite names them
 * ("submissions.form_token", or "t.a, t.b" for a constraint on two); null for any other error.
 * SQLite says which constraint only in its message, so the message is read here and nowhere else.
 */
export function brokenUniqueConstraint(error: unknown): string | null {
  if (!isSqliteError(error) || error.code !== 'SQLITE_CONSTRAINT_UNIQUE') return null;
  return uniqueFailure.exec(error.message)?.[1] ?? null;
}

/**
 * Runs a write; if it breaks one of the unique constraints `named` lists, by its columns as
 * SQLite names them, throws that constraint's error instead, so that callers catch a class.
 * Any other error passes unchanged.
 */
export function withNamedConstraints<T>(named: Readonly<Record<string, UniqueValueTakenClass>>, write: () => T): T {
  try {
    return write();
  } catch (error) {
    const constraint = brokenUniqueConstraint(error);
    const NamedError = constraint === null ? undefined : named[constraint];
    if (NamedError) throw new NamedError({ cause: error });
    throw error;
  }
}
