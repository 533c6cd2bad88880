import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';

interface RenderedPage {
  readonly html: Buffer;
  /** The same page compressed once, for the browsers that accept it (nearly all). */
  readonly brotli: Buffer;
  readonly gzip: Buffer;
  readonly etag: string;
}

type ETagOf = (body: Buffer) => string;

/**
 * The topic papers and guides read the same for everyone in a language, and they are the pages
 * members read most. With the view cache on (production), each is rendered once per language and
 * window state and then sent from memory with the ETag it was given then: no template, no
 * string-to-bytes copy, no hash and no compression per request. Only addresses without a query
 * are kept, so the cache holds at most one page per paper or guide, language and state.
 */
export class RenderedPages {
  private readonly pages = new Map<string, RenderedPage>();

  send(req: Request, res: Response, next: NextFunction, view: string, locals: Record<string, unknown>): void {
    if (!req.app.enabled('view cache') || req.originalUrl.includes('?')) {
      res.render(view, locals);
      return;
    }
    const key = `${res.locals.language} ${res.locals.windowStatus.state} ${req.originalUrl}`;
    const kept = this.pages.get(key);
    if (kept) {
      deliver(req, res, kept);
      return;
    }
    res.render(view, locals, (error: Error | null, html: string) => {
      if (error) {
        next(error);
        return;
      }
      const body = Buffer.from(html);
      const etagOf = req.app.get('etag fn') as ETagOf | undefined;
      const page = {
        html: body,
        brotli: brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
        gzip: gzipSync(body, { level: 9 }),
        etag: etagOf?.(body) ?? '',
      };
      this.pages.set(key, page);
      deliver(req, res, page);
    });
  }
}

function deliver(req: Request, res: Response, page: RenderedPage): void {
  res.type('html');
  res.vary('Accept-Encoding');
  // Set before send, so that Express compares it with If-None-Match instead of hashing the body again.
  if (page.etag) res.set('ETag', page.etag);
  // With Content-Encoding already set, the compression middleware leaves the body alone.
  const encoding = req.acceptsEncodings('br', 'gzip', 'identity');
  if (encoding === 'br' || encoding === 'gzip') {
    res.set('Content-Encoding', encoding);
    res.send(encoding === 'br' ? page.brotli : page.gzip);
    return;
  }
  res.send(page.html);
}
