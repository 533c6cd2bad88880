import { format, runLoad, startBaseline, startPortal, type BenchData, type BenchRow } from '../support/benchContext';

const paperPath = '/papers/health-and-social-care';
const connections = 50;
const seconds = 10;

/** The topic paper page against a bare Express + EJS page of the same size. */
export async function paperPageBenchmark(data: BenchData): Promise<BenchRow[]> {
  const portal = await startPortal(data);
  let pageBytes: number;
  let portalResult;
  try {
    pageBytes = (await (await fetch(portal.url + paperPath)).arrayBuffer()).byteLength;
    portalResult = await runLoad({ url: portal.url, connections, seconds, paths: [paperPath] });
  } finally {
    await portal.stop();
  }
  const bare = await startBaseline('page', String(pageBytes));
  let bareResult;
  let bareBytes: number;
  try {
    bareBytes = (await (await fetch(`${bare.url}/page`)).arrayBuffer()).byteLength;
    bareResult = await runLoad({ url: bare.url, connections, seconds, paths: ['/page'] });
  } finally {
    await bare.stop();
  }
  const ratio = portalResult.requestsPerSecond / bareResult.requestsPerSecond;
  return [
    {
      benchmark: `topic paper page (${Math.round(pageBytes / 1024)} KB, ${connections} connections)`,
      figure: `${format.perSecond(portalResult.requestsPerSecond)}, p99 ${format.ms(portalResult.latencyMs.p99)}`,
      baseline: `bare Express + EJS page of ${Math.round(bareBytes / 1024)} KB: ${format.perSecond(bareResult.requestsPerSecond)}`,
      ratio,
      target: '≥ 75% of the bare page',
      met: ratio >= 0.75,
    },
  ];
}
