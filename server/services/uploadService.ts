import path from 'node:path';
import type { FieldError } from './fieldError';
import { cleanFileName, inspectFile } from './fileInspector';
import type { AcceptedFile, HeldUploads } from './heldUploads';

export const maxReportsPerResponse = 5;

/** A file as the upload middleware received it, in the incoming folder under a random name. */
export interface ReceivedFile {
  readonly path: string;
  readonly originalName: string;
  readonly sizeBytes: number;
}

export interface UploadRequest {
  readonly visitorId: string;
  /** The holding of files kept from this browser's last attempt, if any. */
  readonly heldId: string | undefined;
  /** Kept files the person chose to remove. */
  readonly removeStoredNames: readonly string[];
  readonly received: readonly ReceivedFile[];
  /** A limit the upload broke before its files could be read. */
  readonly limitBroken: { kind: 'tooManyFiles' | 'fileTooLarge'; fileName: string | undefined } | undefined;
}

/** Decides which attached reports a response can carry, and keeps them across a form shown again. */
export class UploadService {
  constructor(private readonly held: HeldUploads) {}

  async accept(request: UploadRequest, field: string): Promise<{ files: AcceptedFile[]; errors: FieldError[] }> {
    const files: AcceptedFile[] = [];
    const errors: FieldError[] = [];
    for (const file of this.held.retrieve(request.visitorId, request.heldId)) {
      if (!request.removeStoredNames.includes(file.storedName)) files.push(file);
    }
    if (request.limitBroken?.kind === 'fileTooLarge') {
      errors.push({ field, key: 'respond.errors.reports.tooLarge', values: { fileName: cleanFileName(request.limitBroken.fileName ?? '') } });
    } else if (request.limitBroken?.kind === 'tooManyFiles') {
      errors.push({ field, key: 'respond.errors.reports.tooMany', values: { max: maxReportsPerResponse } });
    }
    for (const received of request.received) {
      const fileName = cleanFileName(received.originalName);
      const inspection = await inspectFile(received.path, fileName);
      if (inspection.accepted) {
        files.push({
          path: received.path,
          storedName: path.basename(received.path),
          originalName: fileName,
          mediaType: inspection.mediaType,
          sizeBytes: received.sizeBytes,
        });
      } else {
        errors.push({
          field,
          key: `respond.errors.reports.${inspection.reason}`,
          values: { fileName, detectedKind: inspection.detectedKind ?? '' },
        });
      }
    }
    if (files.length > maxReportsPerResponse) {
      errors.push({ field, key: 'respond.errors.reports.tooMany', values: { max: maxReportsPerResponse } });
    }
    return { files, errors };
  }

  /** Holds the files for the form shown again; returns the holding's id for the form to carry. */
  keep(visitorId: string, files: readonly AcceptedFile[], previousHeldId: string | undefined): string | null {
    const heldId = this.held.hold(visitorId, files);
    this.held.discard(previousHeldId);
    return heldId;
  }

  /** Clears the holding once its files have gone with a sent response. */
  release(heldId: string | undefined): void {
    this.held.discard(heldId);
  }
}
