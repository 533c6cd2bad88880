import type { NextFunction, Request, Response } from 'express';

interface RenderedPage {
  readonly html: Buffer;
  readonly etag: string;
}

type ETagOf = (body: Buffer) => string;

/**
 * The topic papers and guides read the same for everyone in a language, and they are the pages
 * members read most. With the view cache on (production), each is rendered once per language and
 * window state and then sent from memory with the ETag it was given then: no template, no
 * string-to-bytes copy and no hash per request. Only addresses without a query are kept, so the
 * cache holds at most one page per paper or guide, language and state.
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
      deliver(res, kept);
      return;
    }
    res.render(view, locals, (error: Error | null, html: string) => {
      if (error) {
        next(error);
        return;
      }
      const body = Buffer.from(html);
      const etagOf = req.app.get('etag fn') as ETagOf | undefined;
      const page = { html: body, etag: etagOf?.(body) ?? '' };
      this.pages.set(key, page);
      deliver(res, page);
    });
  }
}

function deliver(res: Response, page: RenderedPage): void {
  res.type('html');
  // Set before send, so that Express compares it with If-None-Match instead of hashing the body again.
  if (page.etag) res.set('ETag', page.etag);
  res.send(page.html);
}
