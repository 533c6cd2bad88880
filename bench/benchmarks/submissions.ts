import { BrowserSession } from '../support/browserSession';
import {
  failures,
  format,
  runLoad,
  startBaseline,
  startPortal,
  type BenchData,
  type BenchRow,
} from '../support/benchContext';
import type { LoadPlan, LoadResult } from '../support/loadClient';
import { memoryOf } from '../support/processes';

const connections = 50;
const seconds = 15;
/** Memory is not sampled for the first seconds of a run: SQLite's page cache and the heap fill then, whatever the files do. */
const warmUpSeconds = 5;
/** Flat: memory over the second half of the sampled run is within this much of the first half's. */
const flatGrowth = 0.1;

/** A complete response from a branch secretary, as the form sends it. */
const responseFields = {
  respondentType: 'branch',
  name: 'Siân Pritchard',
  email: 'sian.pritchard@example.org',
  bodyName: 'Canton Branch',
  roleInBody: 'Branch Secretary',
  constituency: 'cardiff-west',
  'answer__health-and-social-care':
    'Our branch met in the community centre. Members want a National Care Service with the same pay and conditions for care workers as the NHS, ' +
    'and care closer to home for people in the valleys. Carers told us respite is the thing that keeps them going and it has all but gone.',
  anythingElse: '',
  meetingDay: '12',
  meetingMonth: '5',
  meetingYear: '2020',
  meetingAttendance: '23',
  consentPrivacy: 'yes',
  consentQuote: 'yes',
  website: '',
};

interface Memory {
  readonly startMb: number;
  readonly peakMb: number;
  readonly firstHalfMb: number;
  readonly secondHalfMb: number;
}

interface Measured {
  readonly result: LoadResult;
  readonly memory: Memory;
}

const mean = (values: readonly number[]) =>
  values.reduce((total, value) => total + value, 0) / Math.max(1, values.length);

/**
 * Runs the plan while sampling the server's memory after the warm-up. Memory that keeps growing
 * while gigabytes of files pass through is memory holding them, so the two halves of the sampled
 * run are compared.
 */
async function measure(pid: number, plan: LoadPlan): Promise<Measured> {
  const startMb = memoryOf(pid).rssMb;
  const samples: number[] = [];
  let peakMb = startMb;
  const sampleFrom = performance.now() + warmUpSeconds * 1000;
  const sampler = setInterval(() => {
    const { rssMb } = memoryOf(pid);
    peakMb = Math.max(peakMb, rssMb);
    if (performance.now() >= sampleFrom) samples.push(rssMb);
  }, 250);
  try {
    const result = await runLoad(plan);
    const half = Math.floor(samples.length / 2);
    return {
      result,
      memory: { startMb, peakMb, firstHalfMb: mean(samples.slice(0, half)), secondHalfMb: mean(samples.slice(half)) },
    };
  } finally {
    clearInterval(sampler);
  }
}

async function portalRun(data: BenchData, reportBytes: number | undefined, planConnections: number): Promise<Measured> {
  const portal = await startPortal(data);
  try {
    const browser = new BrowserSession(portal.url);
    const csrf = await browser.openForm('/respond');
    return await measure(portal.process.pid!, {
      url: portal.url,
      connections: planConnections,
      seconds,
      headers: { cookie: browser.cookieHeader },
      postPath: '/respond',
      fields: { _csrf: csrf, ...responseFields },
      ...(reportBytes ? { reportBytes } : {}),
    });
  } finally {
    await portal.stop();
  }
}

async function baselineRun(reportBytes: number | undefined, planConnections: number): Promise<LoadResult> {
  const bare = await startBaseline('form');
  try {
    return await runLoad({
      url: bare.url,
      connections: planConnections,
      seconds,
      postPath: '/respond',
      fields: responseFields,
      ...(reportBytes ? { reportBytes } : {}),
    });
  } finally {
    await bare.stop();
  }
}

/** Form posts: a response alone, and a response with a 1 MB PDF. Both write to `data`, so give them a copy. */
export async function submissionBenchmarks(data: BenchData): Promise<BenchRow[]> {
  const plain = await portalRun(data, undefined, connections);
  const plainBaseline = await baselineRun(undefined, connections);
  const plainErrors = failures(plain.result, 303);
  const uploadConnections = 10;
  const upload = await portalRun(data, 1024 * 1024, uploadConnections);
  const uploadBaseline = await baselineRun(1024 * 1024, uploadConnections);
  const uploadErrors = failures(upload.result, 303);
  const { startMb, peakMb, firstHalfMb, secondHalfMb } = upload.memory;
  return [
    {
      benchmark: `submission: form post with CSRF, validation, one transaction with search index and receipt (${connections} connections)`,
      figure: `${format.perSecond(plain.result.requestsPerSecond)}, p99 ${format.ms(plain.result.latencyMs.p99)}, ${plainErrors} errors of ${plain.result.total.toLocaleString('en-GB')}`,
      baseline: `bare Express multipart post → one SQLite insert: ${format.perSecond(plainBaseline.requestsPerSecond)}, p99 ${format.ms(plainBaseline.latencyMs.p99)}`,
      ratio: plain.result.requestsPerSecond / plainBaseline.requestsPerSecond,
      target: '≥ 1,500/s, p99 < 100 ms, zero errors',
      met: plain.result.requestsPerSecond >= 1500 && plain.result.latencyMs.p99 < 100 && plainErrors === 0,
    },
    {
      benchmark: `submission with a 1 MB PDF (${uploadConnections} connections)`,
      figure:
        `${format.perSecond(upload.result.requestsPerSecond)}, p99 ${format.ms(upload.result.latencyMs.p99)}, ${uploadErrors} errors; ` +
        `server memory ${format.mb(startMb)} at rest, peak ${format.mb(peakMb)}; after ${warmUpSeconds} s of warm-up, ` +
        `mean ${format.mb(firstHalfMb)} over the first half of the rest and ${format.mb(secondHalfMb)} over the second`,
      baseline: `bare Express + multer to disk → one SQLite insert: ${format.perSecond(uploadBaseline.requestsPerSecond)}`,
      ratio: upload.result.requestsPerSecond / uploadBaseline.requestsPerSecond,
      target: `≥ 100/s, zero errors, memory flat (after the warm-up, the second half within ${flatGrowth * 100}% of the first)`,
      met:
        upload.result.requestsPerSecond >= 100 && uploadErrors === 0 && secondHalfMb <= firstHalfMb * (1 + flatGrowth),
    },
  ];
}
