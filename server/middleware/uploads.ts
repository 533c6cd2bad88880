import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import multer from 'multer';
import { UnreadableRequest } from '../errors';

export const uploadLimits = {
  maxFiles: 5,
  maxFileBytes: 10 * 1024 * 1024,
  // Generous, so that an over-long answer reaches validation and gets a message at its field.
  maxFieldBytes: 2 * 1024 * 1024,
  maxFields: 200,
} as const;

/** A limit the upload broke. Text fields read before it are kept, so the form can be shown again. */
export type UploadProblem = 'tooManyFiles' | 'fileTooLarge';

declare module 'express-serve-static-core' {
  interface Request {
    uploadProblem?: { kind: UploadProblem; fileName: string | undefined };
  }
}

/** Every temporary upload is removed when the response ends, unless a service moved it away first. */
function removeLeftoverUploads(files: Express.Multer.File[]): void {
  for (const file of files) {
    fs.rm(file.path, { force: true }, () => undefined);
  }
}

function uploadedFiles(req: Express.Request): Express.Multer.File[] {
  return Array.isArray(req.files) ? req.files : [];
}

/**
 * Reads a multipart form into `req.body` and `req.files` (written to `incomingDir` under random
 * names, never the sender's), then checks the CSRF token. The sender's file names are kept only
 * as data.
 */
export function acceptUploads(field: string, incomingDir: string, verifyCsrf: RequestHandler): RequestHandler[] {
  fs.mkdirSync(incomingDir, { recursive: true });
  const upload = multer({
    storage: multer.diskStorage({
      destination: incomingDir,
      filename: (_req, _file, done) => done(null, randomBytes(16).toString('hex')),
    }),
    limits: {
      files: uploadLimits.maxFiles,
      fileSize: uploadLimits.maxFileBytes,
      fieldSize: uploadLimits.maxFieldBytes,
      fields: uploadLimits.maxFields,
      parts: uploadLimits.maxFields + uploadLimits.maxFiles,
    },
    // Browsers send file names as UTF-8 without saying so: "Adroddiad Gŵyr.pdf" must survive.
    defParamCharset: 'utf8',
    // Browsers send an empty part for a file input left empty; it is not a file.
    fileFilter: (_req, file, done) => done(null, file.originalname !== ''),
  }).array(field);

  const readForm: RequestHandler = (req, res, next) => {
    res.on('close', () => removeLeftoverUploads(uploadedFiles(req)));
    upload(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_COUNT' || error.code === 'LIMIT_FILE_SIZE') {
          req.uploadProblem = {
            kind: error.code === 'LIMIT_FILE_COUNT' ? 'tooManyFiles' : 'fileTooLarge',
            // multer 2 names the offending file; its type definitions do not say so yet.
            fileName: (error as multer.MulterError & { filename?: string }).filename,
          };
          removeLeftoverUploads(uploadedFiles(req));
          req.files = [];
          next();
          return;
        }
        next(new UnreadableRequest(413, 'errors.formTooLarge'));
        return;
      }
      if (error) {
        next(new UnreadableRequest(400, 'errors.formIncomplete'));
        return;
      }
      req.body ??= {};
      next();
    });
  };
  return [readForm, verifyCsrf];
}
