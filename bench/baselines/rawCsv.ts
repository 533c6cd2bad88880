/**
 * The export's baseline: every row of the submissions table read with plain better-sqlite3 and
 * written as CSV with csv-stringify, in this process, with none of the portal's joins or labels.
 * `node rawCsv.js <database>` prints rows a second.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { stringify } from 'csv-stringify';

async function main(): Promise<void> {
  const db = new Database(process.argv[2], { readonly: true });
  const rows = db.prepare('SELECT * FROM submissions').raw().iterate() as IterableIterator<unknown[]>;
  let count = 0;
  const started = performance.now();
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  await pipeline(
    Readable.from(
      (function* () {
        for (const row of rows) {
          count += 1;
          yield row;
        }
      })(),
    ),
    stringify(),
    discard,
  );
  process.stdout.write(
    `${JSON.stringify({ rows: count, rowsPerSecond: count / ((performance.now() - started) / 1000) })}\n`,
  );
}

void main();
