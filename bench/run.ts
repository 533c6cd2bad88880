/**
 * `npm run bench`: the portal's speed and memory targets, measured against baselines taken in
 * the same run on the same machine. Prints each figure, its baseline and their ratio, and adds
 * a dated row for each to bench/RESULTS.md.
 *
 *   npm run bench                      everything, at a million submissions
 *   npm run bench -- --count 100000    the large-database benchmarks at another size
 *   npm run bench -- --only search,csv only some of them (startup, queries, csv, digest, paper, submissions)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csvExportBenchmark } from './benchmarks/csvExport';
import { digestBenchmark } from './benchmarks/digest';
import { officerQueryBenchmarks } from './benchmarks/officerQueries';
import { paperPageBenchmark } from './benchmarks/paperPage';
import { startupBenchmark } from './benchmarks/startup';
import { submissionBenchmarks } from './benchmarks/submissions';
import { projectRoot, type BenchRow } from './support/benchContext';
import { benchData, recordDigest, scratchCopy } from './support/benchData';

const resultsFile = path.join(projectRoot, 'bench', 'RESULTS.md');

function option(name: string): string | null {
  const index = process.argv.indexOf(name);
  return index === -1 ? null : (process.argv[index + 1] ?? null);
}

function describeCount(count: number): string {
  return count === 1_000_000 ? 'a million submissions' : `${count.toLocaleString('en-GB')} submissions`;
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
}

function record(rows: readonly BenchRow[]): void {
  const date = new Date().toISOString().slice(0, 10);
  const cores = String(os.cpus().length);
  const lines = rows.map((row) =>
    tableRow([
      date,
      cores,
      row.benchmark,
      row.figure,
      row.baseline,
      row.ratio === null ? '' : row.ratio.toFixed(2),
      row.target,
      row.met ? 'met' : '**missed**',
    ]),
  );
  fs.appendFileSync(resultsFile, `${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const count = Number(option('--count') ?? 1_000_000);
  const only = option('--only')?.split(',') ?? null;
  const wanted = (name: string) => only === null || only.includes(name);
  const large = () => benchData(`submissions-${count}`, count);
  const runs: [string, () => Promise<BenchRow[]>][] = [
    ['startup', () => startupBenchmark(large(), describeCount(count))],
    ['queries', () => officerQueryBenchmarks(large(), describeCount(count))],
    ['csv', () => csvExportBenchmark(large(), describeCount(count))],
    [
      'digest',
      async () =>
        digestBenchmark(
          benchData('digest-100000', 100_000, { newCount: 10_000, beforeNew: recordDigest }),
          describeCount(100_000),
        ),
    ],
    ['paper', () => paperPageBenchmark(large())],
    [
      'submissions',
      async () => {
        const scratch = scratchCopy(large());
        try {
          return await submissionBenchmarks(scratch);
        } finally {
          scratch.remove();
        }
      },
    ],
  ];
  for (const [name, run] of runs) {
    if (!wanted(name)) continue;
    console.log(`\n${name} …`);
    const rows = await run();
    for (const row of rows) {
      console.log(
        `${row.met ? 'met   ' : 'MISSED'}  ${row.benchmark}\n        ${row.figure}\n        baseline: ${row.baseline}${row.ratio === null ? '' : `  (ratio ${row.ratio.toFixed(2)})`}\n        target: ${row.target}`,
      );
    }
    record(rows);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
