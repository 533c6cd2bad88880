import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler } from 'express';
import multer, { type StorageEngine } from 'multer';
import { UnreadableRequest } from '../../platform/errors';
import type { Services } from '../../services';
import { maxReportsKept, type FileRefusal } from '../../submissions/reports/uploadService';
import { responseLimits } from '../../submissions/vocabulary';
import { PartTally } from './partTally';
import { ReportSink } from './reportSink';

export const uploadLimits = {
  maxFileBytes: responseLimits.reportBytes,
  maxFilesRead: maxReportsKept,
  // An answer of 50,000 characters is at most 200 KB of UTF-8. A value cut off here is longer
  // than any field of any form allows, so it is refused with that field's own message.
  maxFieldBytes: 256 * 1024,
  maxFields: 120,
} as const;

type UploadServices = Pick<Services, 'attachments' | 'freeSpace'>;

/** A file as read: on disk, or, when it was not kept, only its name and why. */
export type ReceivedUpload = Express.Multer.File & { refused?: FileRefusal };

async function receiveFile(
  stream: Readable,
  storedPath: string,
  maxBytes: number,
  hasRoom: boolean,
): Promise<Partial<ReceivedUpload>> {
  const sink = new ReportSink(storedPath, maxBytes, hasRoom);
  try {
    await pipeline(stream, sink);
  } catch (error) {
    await fs.promises.rm(storedPath, { force: true });
    throw error;
  }
  return sink.refused ? { size: sink.bytes, refused: sink.refused } : { path: storedPath, size: sink.bytes };
}

/**
 * Writes each file to the incoming folder under a random name (never the sender's). A file is
 * not written at all while the disk has too little room, and is not kept when it is over the
 * limit or the disk fills as it arrives; either way it is read to its end, so that the fields
 * after it still arrive.
 */
function limitedDiskStorage({ attachments, freeSpace }: UploadServices, maxBytes: number): StorageEngine {
  return {
    _handleFile(_req, file, done) {
      const storedPath = path.join(attachments.incomingDir, randomBytes(16).toString('hex'));
      freeSpace
        .allows(maxBytes)
        .then((hasRoom) => receiveFile(file.stream, storedPath, maxBytes, hasRoom))
        .then(
          (received) => done(null, received),
          (error: unknown) => done(error as Error),
        );
    },
    _removeFile(_req, file, done) {
      if (file.path) fs.rm(file.path, { force: true }, () => done(null));
      else done(null);
    },
  };
}

export function uploadedFiles(req: Request): ReceivedUpload[] {
  return Array.isArray(req.files) ? req.files : [];
}

/** Every temporary upload is removed when the response ends, unless a service moved it away first. */
function removeLeftoverUploads(req: Request): void {
  for (const file of uploadedFiles(req)) {
    // A file cut off by an abandoned upload has no path yet; multer removes its part itself.
    if (typeof file.path === 'string') fs.rm(file.path, { force: true }, () => undefined);
  }
}

/** Each form's tally of its parts, to find those the parser passed over. */
const partTallies = new WeakMap<Request, PartTally>();

/**
 * Feeds the body to the parser, with two things it does not do itself:
 *
 * busboy cuts a value off at the size limit and marks it cut, and multer then refuses the whole
 * form, losing every field and file after it. Clearing the mark first (this listener runs before
 * multer's, and they share the object) keeps the form: the value kept is still too long for any
 * field, so the person gets a message at that field and everything else comes back with it.
 *
 * The parts are counted as the body arrives, so that one the parser skipped is noticed.
 */
function readEveryPart(req: Request, busboy: Writable): void {
  busboy.prependListener('field', (_name: string, _value: string, info: { valueTruncated: boolean }) => {
    info.valueTruncated = false;
  });
  const tally = PartTally.of(req);
  if (tally) {
    partTallies.set(req, tally);
    busboy.prependListener('field', () => tally.partRead());
    busboy.prependListener('file', () => tally.partRead());
    req.on('data', (chunk: Buffer) => tally.scan(chunk));
  }
  req.pipe(busboy);
}

/**
 * Parts sent under the file field whose file name could not be read, so that no file arrived:
 * one without a file name, which the parser takes for a field, and any part it skipped because
 * it could not read its header (for a browser's form, that is a file's name).
 */
export function filesWithoutNames(req: Request, field: string): number {
  const body = req.body as Record<string, unknown>;
  const asFields = [body[field]].flat().filter((value) => typeof value === 'string' && value !== '').length;
  return asFields + (partTallies.get(req)?.skipped ?? 0);
}

/** multer reads this option, but its type declarations do not list it yet. */
type WithStreamHandler = multer.Options & { streamHandler: (req: Request, busboy: Writable) => void };

/** The body stopped short: the connection dropped, or the form's closing boundary never came. */
function wasCutShort(req: Request, error: unknown): boolean {
  return !req.complete || (error instanceof Error && /unexpected end/i.test(error.message));
}

/**
 * Reads a multipart form into `req.body` and `req.files`, then checks the CSRF token. Only the
 * limits that cannot be told apart from an attack refuse the whole form.
 */
export function acceptUploads(field: string, services: UploadServices, verifyCsrf: RequestHandler): RequestHandler[] {
  fs.mkdirSync(services.attachments.incomingDir, { recursive: true });
  const options: WithStreamHandler = {
    storage: limitedDiskStorage(services, uploadLimits.maxFileBytes),
    limits: {
      files: uploadLimits.maxFilesRead,
      fieldSize: uploadLimits.maxFieldBytes,
      fields: uploadLimits.maxFields,
      parts: uploadLimits.maxFields + uploadLimits.maxFilesRead,
      // No form here has a field name with brackets, and "a[99999999]" would make an array that
      // long, which takes seconds to walk.
      fieldNestingDepth: 0,
    },
    // Browsers send file names as UTF-8 without saying so: "Adroddiad Gŵyr.pdf" must survive.
    defParamCharset: 'utf8',
    // The whole name as sent, so that a name like ".." is cleaned and shown (cleanFileName drops
    // any folders), rather than dropped by the parser as if no file had been chosen.
    preservePath: true,
    // Browsers send an empty part for a file input left empty; it is not a file.
    fileFilter: (_req, file, done) => done(null, file.originalname !== ''),
    streamHandler: readEveryPart,
  };
  const upload = multer(options).array(field);

  const readForm: RequestHandler = (req, res, next) => {
    res.on('close', () => removeLeftoverUploads(req));
    upload(req, res, (error: unknown) => {
      req.body ??= {};
      if (error instanceof multer.MulterError) {
        const tooMuch = ['LIMIT_FILE_COUNT', 'LIMIT_FIELD_COUNT', 'LIMIT_PART_COUNT'].includes(error.code);
        next(new UnreadableRequest(tooMuch ? 413 : 400, tooMuch ? 'errors.formTooLarge' : 'errors.badRequest'));
        return;
      }
      next(
        error
          ? new UnreadableRequest(400, wasCutShort(req, error) ? 'errors.formIncomplete' : 'errors.badRequest')
          : undefined,
      );
    });
  };
  return [readForm, verifyCsrf];
}
