/**
 * The load generator, run as a process of its own so that it does not share an event loop with
 * the server it measures: `node loadClient.js <plan as JSON>`. Prints one line of JSON.
 */
import autocannon from 'autocannon';
import fs from 'node:fs';
import { pdfDocument } from '../../server/features/demo/pdfDocument';
import { multipartTemplate, withNewToken } from './multipart';

export interface LoadPlan {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly headers?: Record<string, string>;
  /** GET these paths in turn. */
  readonly paths?: readonly string[];
  /** Or POST this form (multipart) to `postPath`, with a new form token each time. */
  readonly postPath?: string;
  readonly fields?: Record<string, string>;
  /** Attach a PDF report of this many bytes. */
  readonly reportBytes?: number;
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly total: number;
  readonly latencyMs: { readonly p50: number; readonly p97_5: number; readonly p99: number; readonly max: number };
  readonly statusCounts: Record<string, number>;
  readonly errors: number;
  readonly timeouts: number;
}

function requestsFor(plan: LoadPlan): autocannon.Request[] {
  if (plan.postPath) {
    const files = plan.reportBytes
      ? [
          {
            field: 'reports',
            name: 'workshop-report.pdf',
            type: 'application/pdf',
            content: pdfDocument('Workshop report', plan.reportBytes),
          },
        ]
      : [];
    const template = multipartTemplate(plan.fields ?? {}, files);
    return [
      {
        method: 'POST',
        path: plan.postPath,
        headers: { ...plan.headers, 'content-type': template.contentType },
        setupRequest: (request) => ({ ...request, body: withNewToken(template) }),
      },
    ];
  }
  const paths = plan.paths ?? ['/'];
  let next = 0;
  return [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }];
}

async function main(): Promise<void> {
  const plan = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as LoadPlan;
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    duration: plan.seconds,
    headers: plan.headers ?? {},
    requests: requestsFor(plan),
  });
  const statusCounts = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, Number(count)]),
  );
  const summary: LoadResult = {
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    latencyMs: {
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

void main();
