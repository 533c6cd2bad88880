import path from 'node:path';
import type { FieldError } from '../../platform/forms/fieldError';
import { cleanFileName, inspectFile } from './fileInspector';
import type { AcceptedFile, HeldUploads } from './heldUploads';
import { responseLimits } from '../vocabulary';

/**
 * The most reports one form reads and keeps for the form shown again: more than a response may
 * carry, so that a sixth file gets a message and the other five stay attached, rather than the
 * whole form being refused. With the size limit, this bounds what one visitor's holding takes.
 */
export const maxReportsKept = 2 * responseLimits.reports;

/** Why a file was read but not kept: over the size limit, or no room on the disk for it now. */
export type FileRefusal = 'tooLarge' | 'noRoom';

/** A file as the upload middleware received it: in the incoming folder under a random name, or refused. */
export type ReceivedFile =
  | { readonly path: string; readonly originalName: string; readonly sizeBytes: number }
  | { readonly refused: FileRefusal; readonly originalName: string };

export interface UploadRequest {
  readonly visitorId: string;
  /** The holding of files kept from this browser's last attempt, if any. */
  readonly heldId: string | undefined;
  /** Kept files the person chose to remove. */
  readonly removeStoredNames: readonly string[];
  readonly received: readonly ReceivedFile[];
  /** Files sent whose name could not be read, so that only their part arrived, without the file. */
  readonly filesWithoutNames: number;
}

export interface UploadDependencies {
  readonly held: HeldUploads;
  /** Where people can email reports the portal cannot take just now. */
  readonly reportsEmail: string;
}

/** Decides which attached reports a response can carry, and keeps them across a form shown again. */
export class UploadService {
  constructor(private readonly deps: UploadDependencies) {}

  async accept(request: UploadRequest, field: string): Promise<{ files: AcceptedFile[]; errors: FieldError[] }> {
    const files: AcceptedFile[] = [];
    const errors: FieldError[] = [];
    const held = this.deps.held.retrieve(request.visitorId, request.heldId);
    if (held === 'expired') errors.push({ field, key: 'respond.errors.reports.expired' });
    for (const file of held === 'expired' ? [] : held) {
      if (!request.removeStoredNames.includes(file.storedName)) files.push(file);
    }
    for (const received of request.received) {
      const fileName = cleanFileName(received.originalName);
      if ('refused' in received) {
        errors.push({
          field,
          key: `respond.errors.reports.${received.refused}`,
          values: { fileName, email: this.deps.reportsEmail },
        });
        continue;
      }
      if (files.length === maxReportsKept) {
        errors.push({
          field,
          key: 'respond.errors.reports.overKeptLimit',
          values: { fileName, max: responseLimits.reports },
        });
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
          risk: inspection.risk,
        });
      } else {
        errors.push({
          field,
          key: `respond.errors.reports.${inspection.reason}`,
          values: { fileName, detectedKind: inspection.detectedKind ?? '' },
        });
      }
    }
    if (request.filesWithoutNames > 0) errors.push({ field, key: 'respond.errors.reports.noFileName' });
    if (files.length > responseLimits.reports) {
      errors.push({ field, key: 'respond.errors.reports.tooMany', values: { max: responseLimits.reports } });
    }
    return { files, errors };
  }

  /**
   * Holds the files for the form shown again, in place of anything held for this browser before.
   * Returns the holding's id for the form to carry, and a problem to tell the person if the files
   * could not be kept.
   */
  keep(
    visitorId: string,
    files: readonly AcceptedFile[],
    field: string,
  ): { heldId: string | null; files: AcceptedFile[]; errors: FieldError[] } {
    const holding = this.deps.held.hold(visitorId, files);
    if (holding === 'notKept')
      return { heldId: null, files: [], errors: [{ field, key: 'respond.errors.reports.notKept' }] };
    return { heldId: holding?.heldId ?? null, files: holding?.files ?? [], errors: [] };
  }

  /**
   * Lets go of every report of a response that cannot be stored: the holding goes now, and files
   * just received go when the request ends. Returns their names, so that the person knows which
   * reports to send another way.
   */
  abandon(request: UploadRequest): string[] {
    const held = this.deps.held.retrieve(request.visitorId, request.heldId);
    try {
      this.deps.held.discard(request.visitorId, request.heldId);
    } catch (error) {
      // Left to expire: the names still go back to the person, with everything they wrote.
      console.error(error);
    }
    return [
      ...(held === 'expired'
        ? []
        : held.filter((file) => !request.removeStoredNames.includes(file.storedName)).map((file) => file.originalName)),
      ...request.received.map((file) => cleanFileName(file.originalName)),
    ];
  }

  /** Clears the holding once its files have gone with a sent response. */
  release(visitorId: string, heldId: string | undefined): void {
    this.deps.held.discard(visitorId, heldId);
  }
}
