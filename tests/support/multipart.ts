import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Express } from 'express';

/**
 * One part of a multipart form, written byte for byte: values and file names may hold bytes no
 * browser would send (NUL, invalid UTF-8), which an HTTP client library would refuse or escape.
 */
export interface RawPart {
  readonly name: string;
  readonly value: string | Buffer;
  /** A file part when present. */
  readonly filename?: string | Buffer;
  /** The name in RFC 5987 form (`filename*=UTF-8''…`), already percent-encoded. */
  readonly encodedFilename?: string;
  readonly contentType?: string;
}

export const boundary = 'portal-hostile-boundary-7d1f';
export const multipartType = `multipart/form-data; boundary=${boundary}`;

const asBytes = (text: string | Buffer) => (typeof text === 'string' ? Buffer.from(text, 'utf8') : text);

function partBytes({ name, value, filename, encodedFilename, contentType }: RawPart): Buffer {
  const disposition: Buffer[] = [Buffer.from(`Content-Disposition: form-data; name="${name}"`)];
  if (filename !== undefined) disposition.push(Buffer.from('; filename="'), asBytes(filename), Buffer.from('"'));
  if (encodedFilename !== undefined) disposition.push(Buffer.from(`; filename*=UTF-8''${encodedFilename}`));
  const isFile = filename !== undefined || encodedFilename !== undefined;
  const type = contentType ?? (isFile ? 'application/octet-stream' : null);
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\n`),
    ...disposition,
    Buffer.from(type ? `\r\nContent-Type: ${type}\r\n\r\n` : '\r\n\r\n'),
    asBytes(value),
    Buffer.from('\r\n'),
  ]);
}

/** A whole multipart body, closed by the final boundary. */
export function multipartBody(parts: readonly RawPart[]): Buffer {
  return Buffer.concat([...parts.map(partBytes), Buffer.from(`--${boundary}--\r\n`)]);
}

/** The form's fields as parts, in the order given. */
export function fieldParts(fields: Record<string, string | Buffer | readonly string[]>): RawPart[] {
  return Object.entries(fields).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((item: string | Buffer) => ({ name, value: item })),
  );
}

/** The app listening on a free port of the loopback interface, for tests that need a raw socket. */
export async function listening(app: Express): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Sends `bytes` over a new connection, then either drops it (`hangUp`), or closes its sending
 * side and waits for the reply. Returns whatever the server answered, perhaps nothing.
 */
export async function sendRaw(port: number, bytes: Buffer, { hangUp }: { hangUp: boolean }): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  const ended = new Promise((resolve) => socket.once('close', resolve));
  socket.write(bytes);
  if (hangUp) {
    // Long enough for the server to start reading the body before the client goes away.
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
  } else {
    socket.end();
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([ended, new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
  clearTimeout(timer);
  socket.destroy();
  return Buffer.concat(chunks).toString('utf8');
}

/** The request line and headers of a multipart POST, with the cookie and the length to claim. */
export function requestHead(port: number, path: string, cookie: string, contentLength: number): Buffer {
  return Buffer.from(
    [
      `POST ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Content-Type: ${multipartType}`,
      `Content-Length: ${contentLength}`,
      `Cookie: ${cookie}`,
      'Connection: close',
      '',
      '',
    ].join('\r\n'),
  );
}
