import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';
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

interface Manifest {
  visitorId: string;
  heldAt: string;
  files: Omit<AcceptedFile, 'path'>[];
}

const heldIdPattern = /^[0-9a-f]{32}$/;
const manifestName = 'manifest.json';

/**
 * Keeps the valid files of a form that is shown again because another field needs fixing, so
 * that nobody has to attach them twice. A holding belongs to the browser that made it, and
 * expires after a day.
 */
export class HeldUploads {
  static readonly lifetimeMs = 24 * 60 * 60 * 1000;

  constructor(
    private readonly heldDir: string,
    private readonly clock: Clock,
  ) {}

  /** Moves the files into a new holding; returns its id and the files where they now are, or null when there is nothing to keep. */
  hold(visitorId: string, files: readonly AcceptedFile[]): { heldId: string; files: AcceptedFile[] } | null {
    if (files.length === 0) return null;
    const heldId = randomBytes(16).toString('hex');
    const holdingDir = path.join(this.heldDir, heldId);
    fs.mkdirSync(holdingDir, { recursive: true });
    const manifest: Manifest = { visitorId, heldAt: this.clock.now().toISOString(), files: [] };
    for (const { path: from, ...file } of files) {
      fs.renameSync(from, path.join(holdingDir, file.storedName));
      manifest.files.push(file);
    }
    const manifestPath = path.join(holdingDir, manifestName);
    fs.writeFileSync(`${manifestPath}.tmp`, JSON.stringify(manifest));
    fs.renameSync(`${manifestPath}.tmp`, manifestPath);
    return { heldId, files: manifest.files.map((file) => ({ ...file, path: path.join(holdingDir, file.storedName) })) };
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
    if (this.hasExpired(manifest)) return 'expired';
    return manifest.files
      // A holding made before reports were checked for risks carries no finding.
      .map((file) => ({ ...file, risk: file.risk ?? null, path: path.join(holdingDir, file.storedName) }))
      .filter((file) => fs.existsSync(file.path));
  }

  /** Removes this browser's holding once its files have been sent or held again elsewhere. */
  discard(visitorId: string, heldId: string | undefined): void {
    if (!heldId || !heldIdPattern.test(heldId)) return;
    const holdingDir = path.join(this.heldDir, heldId);
    if (this.readManifest(holdingDir)?.visitorId === visitorId) fs.rmSync(holdingDir, { recursive: true, force: true });
  }

  /** Removes expired holdings and any left half-made. Returns how many went. */
  sweep(): number {
    let removed = 0;
    for (const heldId of fs.readdirSync(this.heldDir)) {
      const manifest = this.readManifest(path.join(this.heldDir, heldId));
      if (!manifest || this.hasExpired(manifest)) {
        fs.rmSync(path.join(this.heldDir, heldId), { recursive: true, force: true });
        removed += 1;
      }
    }
    return removed;
  }

  private hasExpired(manifest: Manifest): boolean {
    return this.clock.now().getTime() - Date.parse(manifest.heldAt) > HeldUploads.lifetimeMs;
  }

  private readManifest(holdingDir: string): Manifest | null {
    try {
      return JSON.parse(fs.readFileSync(path.join(holdingDir, manifestName), 'utf8')) as Manifest;
    } catch {
      return null;
    }
  }
}
