import path from 'node:path';
import Database from 'better-sqlite3';
import { format, portalScript, runNode, type BenchData, type BenchRow } from '../support/benchContext';

/** The digest the Policy Officer would get next, built from `data` by the digest command. */
export function digestBenchmark(data: BenchData, submissionCount: string): BenchRow[] {
  const db = new Database(path.join(data.dataDir, 'portal.db'), { readonly: true });
  const newSubmissions = db
    .prepare('SELECT count(*) FROM submissions WHERE id > (SELECT coalesce(max(last_submission_id), 0) FROM digests)')
    .pluck()
    .get() as number;
  const rawStarted = performance.now();
  db.prepare(
    'SELECT id, reference, name FROM submissions WHERE id > (SELECT coalesce(max(last_submission_id), 0) FROM digests)',
  ).all();
  const rawMs = performance.now() - rawStarted;
  db.close();
  const printed = runNode(path.join(path.dirname(portalScript), 'cli', 'digest.js'), ['--preview'], data);
  const buildMs = Number(/took (\d+) ms to build/.exec(printed)?.[1] ?? NaN);
  return [
    {
      benchmark: `digest over ${submissionCount}, ${newSubmissions.toLocaleString('en-GB')} of them new`,
      figure: `built in ${format.ms(buildMs)}`,
      baseline: `plain read of the new rows: ${format.ms(rawMs)}`,
      ratio: buildMs / Math.max(rawMs, 0.1),
      target: 'built in < 1 s',
      met: buildMs < 1000,
    },
  ];
}
