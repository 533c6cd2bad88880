import Database from 'better-sqlite3';
import { isStorageFault } from '../../server/platform/db/storageFaults';

test('a SQLite fault is recognised whichever copy of better-sqlite3 first loaded the native addon', () => {
  // The addon keeps the error class of the first copy that opened a database in the process, as
  // an earlier test file's copy does in a jest worker.
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- only require() loads a second copy here
    const EarlierCopy = require('better-sqlite3') as typeof Database;
    new EarlierCopy(':memory:').close();
  });
  const db = new Database(':memory:');
  db.pragma('query_only = ON');
  let fault: unknown;
  try {
    db.exec('CREATE TABLE t (x)');
  } catch (error) {
    fault = error;
  } finally {
    db.close();
  }
  expect((fault as { code?: unknown }).code).toBe('SQLITE_READONLY');
  expect(isStorageFault(fault)).toBe(true);
});
