import fs from 'node:fs';
import { SqliteError } from 'better-sqlite3';
import { ConfigError, type Config } from '../../config';
import { describeInOneLine } from '../logFailure';
import { openDatabase, type Db } from './database';

/**
 * Makes everything the process creates from now on its user's alone: files 0600, folders 0700.
 * The server and every command-line tool call it first, as they start.
 */
export function keepFilesPrivate(): void {
  process.umask(0o077);
}

/** Why a data folder cannot be used, by the file system's error code. */
const folderProblems: Readonly<Record<string, string>> = {
  EROFS: 'it is on a read-only file system',
  EACCES: 'the portal’s user may not write there',
  EPERM: 'the portal’s user may not write there (or the folder is immutable)',
  EEXIST: 'it is a file, not a folder',
  ENOTDIR: 'part of its path is a file, not a folder',
  ENOENT: 'it does not exist, and cannot be made (is a folder above it read-only?)',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
};

/** Makes the data folder if it is missing, closes it to other users if it is open to them, and checks that the portal can write in it. */
function prepareDataFolder(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // A folder made by an earlier version, or by hand, may be open to every local user; closed, so is everything in it.
    if ((fs.statSync(dataDir).mode & 0o077) !== 0) fs.chmodSync(dataDir, 0o700);
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const problem = folderProblems[code];
    if (!problem) throw error;
    throw new ConfigError(`DATA_DIR: the portal cannot keep its data in ${dataDir}: ${problem} (${code}).`);
  }
}

/**
 * Opens the portal's data for the server or a command-line tool: the data folder, made (or kept)
 * private and checked, then the database. A problem with either stops the start with a message
 * that names the setting, the path and what is wrong.
 */
export function openDataStore({ dataDir, databasePath }: Pick<Config, 'dataDir' | 'databasePath'>): Db {
  prepareDataFolder(dataDir);
  try {
    return openDatabase(databasePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!(error instanceof SqliteError) && !(code in folderProblems)) throw error;
    throw new ConfigError(`DATABASE_PATH: the portal cannot open ${databasePath}: ${describeInOneLine(error)}.`);
  }
}
