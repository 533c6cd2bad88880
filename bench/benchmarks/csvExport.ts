import path from 'node:path';
import { BrowserSession } from '../support/browserSession';
import {
  benchScript,
  format,
  officerEmail,
  officerPassword,
  runNode,
  startPortal,
  type BenchData,
  type BenchRow,
} from '../support/benchContext';
import { canDropCaches, placeFile, type FileCache } from '../support/fileCache';
import { memoryOf, resetPeak } from '../support/processes';

/** Downloads the CSV of every submission and counts its records (CRLF ends each one). */
async function download(url: string, cookie: string): Promise<{ records: number; bytes: number; seconds: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/admin/exports/responses.csv`, { headers: { cookie } });
  if (response.status !== 200 || !response.body) throw new Error(`The export failed (HTTP ${response.status})`);
  let records = 0;
  let bytes = 0;
  let previousEndedWithReturn = false;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (previousEndedWithReturn && chunk[0] === 10) records += 1;
    for (let index = chunk.indexOf(13); index !== -1; index = chunk.indexOf(13, index + 1)) {
      if (chunk[index + 1] === 10) records += 1;
    }
    previousEndedWithReturn = chunk[chunk.length - 1] === 13;
  }
  return { records: records - 1, bytes, seconds: (performance.now() - started) / 1000 };
}

const describeCache: Record<FileCache, string> = {
  cached: 'database file in the OS page cache',
  'on disk': 'OS page cache emptied first, so the database is read from disk',
};

/** The export, and its baseline, each started with the database file where `cache` says. */
async function exportWith(data: BenchData, submissionCount: string, cache: FileCache): Promise<BenchRow> {
  const databasePath = path.join(data.dataDir, 'portal.db');
  placeFile(databasePath, cache);
  const baseline = JSON.parse(runNode(benchScript('baselines/rawCsv.js'), [databasePath], data)) as {
    rowsPerSecond: number;
  };
  placeFile(databasePath, cache);
  const portal = await startPortal(data);
  try {
    const officer = new BrowserSession(portal.url);
    await officer.signIn(officerEmail, officerPassword);
    const pid = portal.process.pid!;
    resetPeak(pid);
    const exported = await download(portal.url, officer.cookieHeader);
    const { peakMb } = memoryOf(pid);
    const rowsPerSecond = exported.records / exported.seconds;
    return {
      benchmark: `CSV export of ${submissionCount} (${exported.records.toLocaleString('en-GB')} rows, ${format.mb(exported.bytes / 1024 / 1024)}; ${describeCache[cache]})`,
      figure: `${format.perSecond(rowsPerSecond)} rows, peak RSS ${format.mb(peakMb)}`,
      baseline: `plain better-sqlite3 scan of the submissions table → csv-stringify: ${format.perSecond(baseline.rowsPerSecond)} rows`,
      ratio: rowsPerSecond / baseline.rowsPerSecond,
      target: '≥ 50,000 rows/s, peak RSS < 200 MB',
      met: rowsPerSecond >= 50_000 && peakMb < 200,
    };
  } finally {
    await portal.stop();
  }
}

/**
 * The export with the database in the page cache and, where this process may empty the cache
 * (as root), read from disk: which of the two an officer meets depends on the machine's memory.
 */
export async function csvExportBenchmark(data: BenchData, submissionCount: string): Promise<BenchRow[]> {
  const rows = [await exportWith(data, submissionCount, 'cached')];
  if (canDropCaches()) rows.push(await exportWith(data, submissionCount, 'on disk'));
  else console.log('  (not root: the export read from disk is not measured)');
  return rows;
}
