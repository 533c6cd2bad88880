import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** 256 bits, written in the link as base64url: 43 characters. */
const tokenBytes = 32;
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** A new secret for a link to a draft. */
export function newDraftToken(): string {
  return randomBytes(tokenBytes).toString('base64url');
}

/** Whether `text` could be a token the portal made: anything else is not looked up at all. */
export function isDraftToken(text: string): boolean {
  return tokenPattern.test(text);
}

/** What the database keeps of a link: only its SHA-256, so that a copy of the database opens no draft. */
export function hashDraftToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Seals a link's secret for the outbox with a key drawn from the server's secret (AES-256-GCM),
 * so that the email can be written when it is sent while the database alone never holds the
 * link. A secret changed since sealing only makes that email fail: the page still showed the link.
 */
export class DraftTokenSeal {
  private readonly key: Buffer;

  constructor(serverSecret: string) {
    this.key = createHash('sha256').update(`draft-link-seal:${serverSecret}`).digest();
  }

  seal(token: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The token, or null if it was not sealed with this key. */
  unseal(sealed: string): string | null {
    try {
      const bytes = Buffer.from(sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
