import fs from 'node:fs';
import path from 'node:path';
import { officerEmail, officerPassword, portalScript, projectRoot, runNode, type BenchData } from './benchContext';

const benchDataRoot = path.join(projectRoot, 'data', 'bench');
const cliScript = (name: string) => path.join(path.dirname(portalScript), 'cli', `${name}.js`);
const markerFile = 'bench-data.json';

function seed(data: BenchData, count: number, seedNumber: number): void {
  console.log(`Generating ${count.toLocaleString('en-GB')} responses in ${data.dataDir} …`);
  const started = performance.now();
  runNode(cliScript('seedDemo'), ['--count', String(count), '--seed', String(seedNumber)], data, { showOutput: true });
  console.log(`… in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * A data folder with `count` generated responses, made once and kept under data/bench (a
 * million take some minutes to make). `prepare` runs after the first `count - newCount`, to
 * record a digest, say; an officer account is added for the workspace's benchmarks.
 */
export function benchData(
  name: string,
  count: number,
  options: { newCount?: number; beforeNew?: (data: BenchData) => void } = {},
): BenchData {
  const dataDir = path.join(benchDataRoot, name);
  const marker = path.join(dataDir, markerFile);
  if (fs.existsSync(marker)) return JSON.parse(fs.readFileSync(marker, 'utf8')) as BenchData;
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  // Four months of responses, up to now.
  const data: BenchData = { dataDir, opensAt: new Date(Date.now() - 120 * 24 * 3600 * 1000).toISOString() };
  const newCount = options.newCount ?? 0;
  seed(data, count - newCount, 1);
  options.beforeNew?.(data);
  if (newCount > 0) seed(data, newCount, 2);
  runNode(cliScript('officer'), ['add', officerEmail], data, { input: `${officerPassword}\n` });
  fs.writeFileSync(marker, JSON.stringify(data));
  return data;
}

/** A throwaway copy of a data folder, for benchmarks that write. */
export function scratchCopy(data: BenchData): BenchData & { remove(): void } {
  const dataDir = fs.mkdtempSync(path.join(benchDataRoot, 'scratch-'));
  fs.cpSync(data.dataDir, dataDir, { recursive: true });
  return { ...data, dataDir, remove: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

/** Records the digest that a Policy Officer would have had, so that the next one reports only what came after. */
export function recordDigest(data: BenchData): void {
  runNode(cliScript('digest'), ['--send-now'], data, { env: { DIGEST_RECIPIENTS: officerEmail } });
}
