import type { Request } from 'express';

const dash = 0x2d;

/**
 * Counts the parts of a multipart body by their boundaries, beside the parser, so that a part it
 * passes over without a word is noticed. busboy skips a part whose header it cannot read (a file
 * name with a raw quotation mark, or in an encoding it does not know) as if it had never been sent.
 */
export class PartTally {
  /** Parts the body holds, counted by their boundaries. */
  private sent = 0;
  /** Parts the parser reported, as a field or a file. */
  private read = 0;
  private closed = false;
  private readonly delimiter: Buffer;
  // The first boundary may open the body with no line break before it.
  private carry = Buffer.from('\r\n');

  private constructor(boundary: string) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  /** A tally for this request's body, or null when it names no boundary (and the parser refuses it). */
  static of(req: Request): PartTally | null {
    const boundary = /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(req.headers['content-type'] ?? '');
    return boundary ? new PartTally(boundary[1] ?? boundary[2]!) : null;
  }

  /** Reads a chunk of the body as it arrives. */
  scan(chunk: Buffer): void {
    if (this.closed) return;
    const data = Buffer.concat([this.carry, chunk]);
    let from = 0;
    for (let at = data.indexOf(this.delimiter); at !== -1; at = data.indexOf(this.delimiter, from)) {
      const end = at + this.delimiter.length;
      // What follows the boundary, a part or the end of the body, has not arrived yet.
      if (end + 2 > data.length) {
        this.carry = Buffer.from(data.subarray(at));
        return;
      }
      // After the closing boundary comes only an epilogue, which no parser reads.
      if (data[end] === dash && data[end + 1] === dash) {
        this.closed = true;
        return;
      }
      this.sent += 1;
      from = end;
    }
    // Enough of the end to hold the start of a boundary cut off by the chunk.
    this.carry = Buffer.from(data.subarray(Math.max(from, data.length - this.delimiter.length)));
  }

  partRead(): void {
    this.read += 1;
  }

  /** Parts that were sent but that the parser passed over. */
  get skipped(): number {
    return Math.max(0, this.sent - this.read);
  }
}
