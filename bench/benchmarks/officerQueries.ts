import { BrowserSession } from '../support/browserSession';
import {
  failures,
  format,
  officerEmail,
  officerPassword,
  runLoad,
  startBaseline,
  startPortal,
  type BenchData,
  type BenchRow,
} from '../support/benchContext';
import type { LoadResult } from '../support/loadClient';

/** A few officers at once: the Policy Officer and colleagues helping before a deadline. */
const connections = 4;
const seconds = 5;
const targetMs = 100;

/** The commonest words of the responses, rarer ones, and two-word searches. */
const searches = [
  'the',
  'and',
  'care',
  'social',
  'workforce',
  'dentist',
  'gofal',
  'social care',
  'care workers',
  'national framework',
];

/** The filtered lists an officer uses most: by type, by place, by status, and combined. */
const lists = [
  '/admin/submissions',
  '/admin/submissions?type=branch',
  '/admin/submissions?constituency=cardiff-west',
  '/admin/submissions?status=flagged&sort=oldest',
  '/admin/submissions?type=clp&channel=web&language=cy',
  '/admin/submissions?report=yes&status=new',
];

function row(benchmark: string, result: LoadResult, baseline: LoadResult, expectedFailures: number): BenchRow {
  return {
    benchmark: `${benchmark} (${connections} connections)`,
    figure: `p97.5 ${format.ms(result.latencyMs.p97_5)} (p95 is below it), p50 ${format.ms(result.latencyMs.p50)}, ${format.perSecond(result.requestsPerSecond)}${expectedFailures ? `, ${expectedFailures} failed` : ''}`,
    baseline: `bare Express "hello": p97.5 ${format.ms(baseline.latencyMs.p97_5)}`,
    ratio: result.latencyMs.p97_5 / Math.max(baseline.latencyMs.p97_5, 1),
    target: `p95 < ${targetMs} ms`,
    met: result.latencyMs.p97_5 < targetMs && expectedFailures === 0,
  };
}

/** Search, dashboard and filtered lists at the size of `data`, each measured on its own. */
export async function officerQueryBenchmarks(data: BenchData, submissionCount: string): Promise<BenchRow[]> {
  const bare = await startBaseline('hello');
  let baseline: LoadResult;
  try {
    baseline = await runLoad({ url: bare.url, connections, seconds, paths: ['/'] });
  } finally {
    await bare.stop();
  }
  const portal = await startPortal(data);
  const rows: BenchRow[] = [];
  try {
    const officer = new BrowserSession(portal.url);
    await officer.signIn(officerEmail, officerPassword);
    const load = (paths: string[]) =>
      runLoad({ url: portal.url, connections, seconds, headers: { cookie: officer.cookieHeader }, paths });
    for (const words of searches) {
      const result = await load([`/admin/submissions?q=${encodeURIComponent(words)}`]);
      rows.push(row(`full-text search "${words}" over ${submissionCount}`, result, baseline, failures(result, 200)));
    }
    const dashboard = await load(['/admin']);
    rows.push(row(`dashboard at ${submissionCount}`, dashboard, baseline, failures(dashboard, 200)));
    for (const list of lists) {
      const result = await load([list]);
      rows.push(
        row(
          `list ${list.replace('/admin/submissions', '') || '(no filter)'} at ${submissionCount}`,
          result,
          baseline,
          failures(result, 200),
        ),
      );
    }
  } finally {
    await portal.stop();
  }
  return rows;
}
