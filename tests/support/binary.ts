import type { Response } from 'superagent';

/** A supertest parser that keeps a binary body (a download, a spreadsheet, a ZIP) as a Buffer. */
export function asBuffer(response: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  (response as unknown as NodeJS.ReadableStream).on('data', (chunk: Buffer) => chunks.push(chunk));
  (response as unknown as NodeJS.ReadableStream).on('end', () => done(null, Buffer.concat(chunks)));
}
