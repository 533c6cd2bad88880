import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

export interface StaticAssets {
  readonly router: Router;
  /** The address of a file in public/ ('css/portal.css'), with its content's fingerprint in the name. */
  readonly url: (file: string) => string;
}

const oneYear = '365d';

function fingerprinted(file: string, content: Buffer): string {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 12);
  const extension = path.extname(file);
  return `${file.slice(0, file.length - extension.length)}.${hash}${extension}`;
}

/**
 * Serves public/ under /assets. Pages link to each file by a name that carries a fingerprint of
 * its content, so a browser may keep it for a year without asking again: a changed file gets a
 * new name. The plain name still works, revalidated every time, for anything that cached it.
 */
export function setUpStaticAssets(publicDir: string, production: boolean): StaticAssets {
  const realFileByName = new Map<string, string>();
  const nameByFile = new Map<string, string>();
  const files = fs.readdirSync(publicDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  for (const entry of files) {
    const file = path.relative(publicDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    const name = fingerprinted(file, fs.readFileSync(path.join(publicDir, file)));
    realFileByName.set(`/${name}`, file);
    nameByFile.set(file, `/assets/${name}`);
  }

  const router = Router();
  router.use('/assets', (req, res, next) => {
    const file = realFileByName.get(req.path);
    if (!file) {
      next();
      return;
    }
    // Outside production a file may be edited while the portal runs, under its old fingerprint.
    res.sendFile(file, { root: publicDir, immutable: production, maxAge: production ? oneYear : 0 });
  });
  router.use('/assets', express.static(publicDir, { maxAge: 0 }));
  router.get('/favicon.ico', (_req, res) => {
    res.sendFile('favicon.ico', { root: publicDir, maxAge: production ? '1d' : 0 });
  });

  const url = (file: string): string => {
    const name = nameByFile.get(file);
    if (!name) throw new Error(`public/${file} does not exist`);
    return name;
  };
  return { router, url };
}
