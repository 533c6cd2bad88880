import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { isStorageFault } from '../../platform/db/storageFaults';
import type { Clock } from '../../platform/time/clock';
import type { ReportRisk } from './reportRisks';

/** A report that passed its checks and waits, on disk under its stored name, for the response to be sent. */
export interface AcceptedFile {
  readonly path: string;
  readonly storedName: string;
  readonly originalName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly risk: ReportRisk | null;
}

export interface Holding {
  readonly heldId: string;
  readonly files: AcceptedFile[];
}

interface Manifest {
  visitorId: string;
  heldAt: string;
  files: Omit<AcceptedFile, 'path'>[];
}

/** What the portal remembers of a holding on disk, to keep the total in bounds without reading them all. */
interface HoldingSummary {
  readonly visitorId: string;
  readonly heldAtMs: number;
  readonly bytes: number;
}

const heldIdPattern = /^[0-9a-f]{32}$/;
const manifestName = 'manifest.json';

const bytesOf = (files: readonly Pick<AcceptedFile, 'sizeBytes'>[]) =>
  files.reduce((total, file) => total + file.sizeBytes, 0);

/**
 * Keeps the valid files of a form that is shown again because another field needs fixing, so
 * that nobody has to attach them twice. A holding belongs to the browser that made it, which
 * has at most one: a new one replaces it. Holdings expire after a day, and together take at
 * most `maxTotalBytes`: past that, the oldest go first.
 */
export class HeldUploads {
  static readonly lifetimeMs = 24 * 60 * 60 * 1000;
  /** How often expired holdings are looked for, besides whenever files are held. */
  static readonly sweepEveryMs = 5 * 60 * 1000;

  /** The holdings on disk, oldest first; read from the folder when first needed. */
  private summaries: Map<string, HoldingSummary> | null = null;

  constructor(
    private readonly heldDir: string,
    private readonly clock: Clock,
    private readonly maxTotalBytes: number,
  ) {}

  /**
   * Moves the files into a new holding for this browser, in place of any it had; returns its id
   * and the files where they now are. Null when there is nothing to keep, and 'notKept' when the
   * files could not be kept: more than all holdings together may take, or the disk failed.
   */
  hold(visitorId: string, files: readonly AcceptedFile[]): Holding | 'notKept' | null {
    const summaries = this.loadedSummaries();
    const previous = [...summaries].filter(([, summary]) => summary.visitorId === visitorId).map(([heldId]) => heldId);
    const bytes = bytesOf(files);
    let holding: Holding | 'notKept' | null = null;
    if (files.length > 0 && bytes > this.maxTotalBytes) holding = 'notKept';
    else if (files.length > 0) {
      this.makeRoomFor(bytes, new Set(previous));
      holding = this.create(visitorId, files, bytes);
    }
    // Only now: the new holding may have taken its files from the one it replaces.
    for (const heldId of previous) this.remove(heldId);
    return holding;
  }

  /**
   * The files held for this browser under `heldId`: none if there is no such holding or it is
   * another browser's, and 'expired' if it was this browser's but has gone, so that the person
   * can be told to attach the files again.
   */
  retrieve(visitorId: string, heldId: string | undefined): AcceptedFile[] | 'expired' {
    if (!heldId || !heldIdPattern.test(heldId)) return [];
    const holdingDir = path.join(this.heldDir, heldId);
    const manifest = this.readManifest(holdingDir);
    if (!manifest) return 'expired';
    if (manifest.visitorId !== visitorId) return [];
    if (this.hasExpired(Date.parse(manifest.heldAt))) return 'expired';
    return (
      manifest.files
        // A holding made before reports were checked for risks carries no finding.
        .map((file) => ({ ...file, risk: file.risk ?? null, path: path.join(holdingDir, file.storedName) }))
        .filter((file) => fs.existsSync(file.path))
    );
  }

  /** Removes this browser's holding once its files have been sent. */
  discard(visitorId: string, heldId: string | undefined): void {
    if (!heldId || !heldIdPattern.test(heldId)) return;
    if (this.readManifest(path.join(this.heldDir, heldId))?.visitorId === visitorId) this.remove(heldId);
  }

  /** Removes expired holdings and any left half-made, and reads what is left. Returns how many went. */
  sweep(): number {
    let removed = 0;
    const kept: [string, HoldingSummary][] = [];
    for (const heldId of fs.readdirSync(this.heldDir)) {
      const manifest = this.readManifest(path.join(this.heldDir, heldId));
      const heldAtMs = manifest ? Date.parse(manifest.heldAt) : NaN;
      if (!manifest || this.hasExpired(heldAtMs)) {
        fs.rmSync(path.join(this.heldDir, heldId), { recursive: true, force: true });
        removed += 1;
      } else {
        kept.push([heldId, { visitorId: manifest.visitorId, heldAtMs, bytes: bytesOf(manifest.files) }]);
      }
    }
    this.summaries = new Map(kept.sort(([, a], [, b]) => a.heldAtMs - b.heldAtMs));
    return removed;
  }

  private loadedSummaries(): Map<string, HoldingSummary> {
    if (!this.summaries) this.sweep();
    return this.summaries!;
  }

  /** Removes expired holdings, then the oldest, until `bytes` more fit; `leaving` are about to go anyway. */
  private makeRoomFor(bytes: number, leaving: ReadonlySet<string>): void {
    const summaries = this.loadedSummaries();
    let total = 0;
    for (const [heldId, summary] of summaries) if (!leaving.has(heldId)) total += summary.bytes;
    for (const [heldId, summary] of summaries) {
      if (total + bytes <= this.maxTotalBytes && !this.hasExpired(summary.heldAtMs)) break;
      if (leaving.has(heldId)) continue;
      this.remove(heldId);
      total -= summary.bytes;
    }
  }

  private create(visitorId: string, files: readonly AcceptedFile[], bytes: number): Holding | 'notKept' {
    const heldId = randomBytes(16).toString('hex');
    const holdingDir = path.join(this.heldDir, heldId);
    const manifest: Manifest = { visitorId, heldAt: this.clock.now().toISOString(), files: [] };
    try {
      fs.mkdirSync(holdingDir, { recursive: true });
      for (const { path: from, ...file } of files) {
        fs.renameSync(from, path.join(holdingDir, file.storedName));
        manifest.files.push(file);
      }
      const manifestPath = path.join(holdingDir, manifestName);
      fs.writeFileSync(`${manifestPath}.tmp`, JSON.stringify(manifest));
      fs.renameSync(`${manifestPath}.tmp`, manifestPath);
    } catch (error) {
      if (!isStorageFault(error)) throw error;
      // The disk failed part-way: what was moved goes with the half-made holding, and the person is
      // told. If even removing it fails, the sweep removes it, as it has no manifest.
      fs.rm(holdingDir, { recursive: true, force: true }, () => undefined);
      return 'notKept';
    }
    this.summaries!.set(heldId, { visitorId, heldAtMs: Date.parse(manifest.heldAt), bytes });
    return { heldId, files: manifest.files.map((file) => ({ ...file, path: path.join(holdingDir, file.storedName) })) };
  }

  private remove(heldId: string): void {
    fs.rmSync(path.join(this.heldDir, heldId), { recursive: true, force: true });
    this.summaries?.delete(heldId);
  }

  private hasExpired(heldAtMs: number): boolean {
    return this.clock.now().getTime() - heldAtMs > HeldUploads.lifetimeMs;
  }

  private readManifest(holdingDir: string): Manifest | null {
    try {
      return JSON.parse(fs.readFileSync(path.join(holdingDir, manifestName), 'utf8')) as Manifest;
    } catch {
      return null;
    }
  }
}
