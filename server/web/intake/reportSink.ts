import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { isStorageFault } from '../../platform/db/storageFaults';
import type { FileRefusal } from '../../submissions/reports/uploadService';

type Done = (error?: Error | null) => void;

/**
 * Writes one uploaded file to disk. Once the file is over the size limit, or the disk cannot take
 * it (full, or failing), it stops writing, removes what it wrote and reads on to the end, so that
 * the form's later fields still arrive and the person is told which file was not taken.
 */
export class ReportSink extends Writable {
  bytes = 0;
  refused: FileRefusal | null;
  private handle: FileHandle | null = null;

  /** With `hasRoom` false, nothing is written at all. */
  constructor(
    private readonly filePath: string,
    private readonly maxBytes: number,
    hasRoom: boolean,
  ) {
    super();
    this.refused = hasRoom ? null : 'noRoom';
  }

  override _construct(done: Done): void {
    if (this.refused) {
      done();
      return;
    }
    fs.promises.open(this.filePath, 'wx').then(
      (handle) => {
        this.handle = handle;
        done();
      },
      (error: unknown) => this.refuseOnFault(error, done),
    );
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: Done): void {
    this.bytes += chunk.length;
    if (this.refused) {
      done();
      return;
    }
    if (this.bytes > this.maxBytes) {
      this.refuse('tooLarge', done);
      return;
    }
    this.writeAll(chunk).then(
      () => done(),
      (error: unknown) => this.refuseOnFault(error, done),
    );
  }

  override _final(done: Done): void {
    this.closeFile().then(
      () => done(),
      (error: unknown) => this.refuseOnFault(error, done),
    );
  }

  override _destroy(error: Error | null, done: Done): void {
    this.closeFile().then(
      () => done(error),
      () => done(error),
    );
  }

  private async writeAll(chunk: Buffer): Promise<void> {
    for (let written = 0; written < chunk.length;) {
      written += (await this.handle!.write(chunk, written)).bytesWritten;
    }
  }

  /** A disk that is full or failing refuses this file; any other error is a bug, and ends the form. */
  private refuseOnFault(error: unknown, done: Done): void {
    if (isStorageFault(error)) this.refuse('noRoom', done);
    else done(error as Error);
  }

  private refuse(reason: FileRefusal, done: Done): void {
    this.refused = reason;
    this.closeFile()
      .catch(() => undefined)
      .then(() => fs.promises.rm(this.filePath, { force: true }))
      // A part left behind is removed at the next start, with the other temporary files.
      .then(
        () => done(),
        () => done(),
      );
  }

  private async closeFile(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }
}
