import path from 'node:path';
import type { FieldError } from './fieldError';
import { cleanFileName, inspectFile } from './fileInspector';
import type { AcceptedFile, HeldUploads } from './heldUploads';

export const maxReportsPerResponse = 5;

/** A file as the upload middleware received it, in the incoming folder under a random name. */
export interface ReceivedFile {
  /** Null when the file was over the size limit and so was not kept. */
  readonly path: string | null;
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
}

/** Decides which attached reports a response can carry, and keeps them across a form shown again. */
export class UploadService {
  constructor(private readonly held: HeldUploads) {}

  async accept(request: UploadRequest, field: string): Promise<{ files: AcceptedFile[]; errors: FieldError[] }> {
    const files: AcceptedFile[] = [];
    const errors: FieldError[] = [];
    const held = this.held.retrieve(request.visitorId, request.heldId);
    if (held === 'expired') errors.push({ field, key: 'respond.errors.reports.expired' });
    for (const file of held === 'expired' ? [] : held) {
      if (!request.removeStoredNames.includes(file.storedName)) files.push(file);
    }
    for (const received of request.received) {
      const fileName = cleanFileName(received.originalName);
      if (received.path === null) {
        errors.push({ field, key: 'respond.errors.reports.tooLarge', values: { fileName } });
        continue;
      }
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
  keep(visitorId: string, files: readonly AcceptedFile[], previousHeldId: string | undefined): { heldId: string; files: AcceptedFile[] } | null {
    const holding = this.held.hold(visitorId, files);
    this.held.discard(visitorId, previousHeldId);
    return holding;
  }

  /**
   * Lets go of every report of a response that cannot be stored: the holding goes now, and files
   * just received go when the request ends. Returns their names, so that the person knows which
   * reports to send another way.
   */
  abandon(request: UploadRequest): string[] {
    const held = this.held.retrieve(request.visitorId, request.heldId);
    try {
      this.held.discard(request.visitorId, request.heldId);
    } catch (error) {
      // Left to expire: the names still go back to the person, with everything they wrote.
      console.error(error);
    }
    return [
      ...(held === 'expired' ? [] : held.filter((file) => !request.removeStoredNames.includes(file.storedName)).map((file) => file.originalName)),
      ...request.received.map((file) => cleanFileName(file.originalName)),
    ];
  }

  /** Clears the holding once its files have gone with a sent response. */
  release(visitorId: string, heldId: string | undefined): void {
    this.held.discard(visitorId, heldId);
  }
}
