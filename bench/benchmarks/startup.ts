import { format, startBaseline, startPortal, type BenchData, type BenchRow } from '../support/benchContext';
import { memoryOf } from '../support/processes';
import type { RunningServer } from '../support/processes';

const idleSeconds = 5;

async function startedAndIdle(start: () => Promise<RunningServer>): Promise<{ startupMs: number; idleMb: number }> {
  const server = await start();
  try {
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    return { startupMs: server.startupMs, idleMb: memoryOf(server.process.pid!).rssMb };
  } finally {
    await server.stop();
  }
}

/** From `node dist/main.js` to the first page served, and the memory it then sits in. */
export async function startupBenchmark(data: BenchData, submissionCount: string): Promise<BenchRow[]> {
  const portal = await startedAndIdle(() => startPortal(data));
  const bare = await startedAndIdle(() => startBaseline('hello'));
  return [
    {
      benchmark: `start-up on a database of ${submissionCount}`,
      figure: `first page after ${format.ms(portal.startupMs)}; idle RSS ${format.mb(portal.idleMb)} after ${idleSeconds} s`,
      baseline: `bare Express "hello": first page after ${format.ms(bare.startupMs)}, idle RSS ${format.mb(bare.idleMb)}`,
      ratio: portal.startupMs / bare.startupMs,
      target: '< 2 s to the first page; idle RSS < 120 MB',
      met: portal.startupMs < 2000 && portal.idleMb < 120,
    },
  ];
}
