import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/**
 * Compresses pages, stylesheets and scripts for browsers that accept it. Downloads are sent as
 * they are: an export of a million responses would cost the server more to compress than the
 * officer saves in waiting, and the reports are compressed already.
 */
export function setUpCompression(): RequestHandler {
  return compression({
    filter: (req: Request, res: Response) => {
      const disposition = res.getHeader('Content-Disposition');
      if (typeof disposition === 'string' && disposition.startsWith('attachment')) return false;
      return compression.filter(req, res);
    },
  });
}
