import http from 'node:http';
import { fieldParts, multipartBody, multipartType } from './multipart';
import { csrfTokenIn, type Attachment } from './respond';

/** A response as a test sends it: the form's fields, its one-time token and its reports. */
export interface ResponseToSend {
  readonly formToken: string;
  readonly fields: Readonly<Record<string, string | readonly string[]>>;
  readonly reports: readonly Attachment[];
}

export interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The cookies this reply set. */
  readonly cookies: ReadonlyMap<string, string>;
  readonly body: string;
}

/** What the portal said to a posted response; `reference` is set only when it acknowledged it. */
export interface Outcome {
  readonly status: number;
  readonly reference: string | null;
}

/** Writes a request's body; the default writes it all at once. */
export type BodyWriter = (request: http.ClientRequest, body: Buffer) => Promise<void> | void;

const writeAll: BodyWriter = (request, body) => {
  request.write(body);
};

/** The reference in the signed confirmation cookie ("s:REFERENCE EXPIRES.signature") that acknowledges a response. */
function referenceInCookie(value: string | undefined): string | null {
  const match = value === undefined ? null : /^s:(\S+) \d+\.[^.]+$/.exec(decodeURIComponent(value));
  return match ? match[1]! : null;
}

/**
 * One person's browser: its own cookies and its own kept-alive connection to the portal, so
 * that a test with a hundred clients has a hundred connections.
 */
export class PortalClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly cookies = new Map<string, string>();
  /** How many replies of each kind this client had, as "POST /respond 303". */
  readonly replies = new Map<string, number>();

  constructor(private readonly baseUrl: string) {}

  /** Opens the form, as a browser does before posting it; returns the page's CSRF token. */
  async openForm(): Promise<string> {
    const page = await this.request('GET', '/respond');
    if (page.status !== 200) throw new Error(`GET /respond answered ${page.status}`);
    return csrfTokenIn(page.body);
  }

  /**
   * Posts a response with the page's CSRF token. The portal acknowledges it with a 303 to the
   * confirmation page and the reference in a signed cookie: that reference is the outcome's.
   */
  async post(response: ResponseToSend, csrf: string, writeBody: BodyWriter = writeAll): Promise<Outcome> {
    const body = multipartBody([
      ...fieldParts({ _csrf: csrf, ...response.fields, formToken: response.formToken }),
      ...response.reports.map((report) => ({
        name: 'reports',
        value: report.content,
        filename: report.name,
        contentType: 'application/pdf',
      })),
    ]);
    const reply = await this.request(
      'POST',
      '/respond',
      { 'content-type': multipartType, 'content-length': String(body.length) },
      (request) => writeBody(request, body),
    );
    const acknowledged = reply.status === 303 && reply.headers.location === '/respond/confirmation';
    return {
      status: reply.status,
      reference: acknowledged ? referenceInCookie(reply.cookies.get('confirmation')) : null,
    };
  }

  /** Opens the form and posts the response, as a person does. */
  async respond(response: ResponseToSend): Promise<Outcome> {
    return this.post(response, await this.openForm());
  }

  /** The reference the confirmation page shows, as the browser is sent there after posting. */
  async confirmationReference(): Promise<string | null> {
    const page = await this.request('GET', '/respond/confirmation');
    return page.status === 200 ? (/class="reference">([^<]+)</.exec(page.body)?.[1] ?? null) : null;
  }

  /** Posts a form without files, as a browser posts sign-in or an officer's action. */
  async postForm(path: string, fields: Readonly<Record<string, string>>): Promise<Reply> {
    const body = Buffer.from(new URLSearchParams(fields).toString());
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) };
    return this.request('POST', path, headers, (request) => {
      request.write(body);
    });
  }

  async request(
    method: string,
    path: string,
    headers: http.OutgoingHttpHeaders = {},
    writeBody?: (request: http.ClientRequest) => Promise<void> | void,
  ): Promise<Reply> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const request = http.request(`${this.baseUrl}${path}`, {
      method,
      agent: this.agent,
      headers: { ...headers, ...(cookie ? { cookie } : {}) },
    });
    const reply = new Promise<Reply>((resolve, reject) => {
      request.once('error', reject);
      request.once('response', (response) => {
        const kind = `${method} ${path} ${response.statusCode}`;
        this.replies.set(kind, (this.replies.get(kind) ?? 0) + 1);
        const cookies = new Map<string, string>();
        for (const setCookie of response.headers['set-cookie'] ?? []) {
          const [pair = ''] = setCookie.split(';');
          const equals = pair.indexOf('=');
          if (equals > 0) cookies.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim());
        }
        for (const [name, value] of cookies) this.cookies.set(name, value);
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('error', reject);
        response.once('end', () =>
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            cookies,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      });
    });
    // A reply that fails while the body is still being written (the server cut the connection
    // off) is heard as soon as the writing stops.
    reply.catch(() => undefined);
    try {
      await writeBody?.(request);
    } catch (error) {
      request.destroy();
      throw error;
    }
    request.end();
    return reply;
  }

  close(): void {
    this.agent.destroy();
  }
}
