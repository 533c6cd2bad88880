import { createHmac, timingSafeEqual } from 'node:crypto';

const stampPattern = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/;

/**
 * When a response form was opened, carried in the form itself and signed, so that a response
 * sent just after the close can be told from one started after it. The signature covers the
 * form's one-time token too: one stamp vouches for one response, however often it is sent.
 */
export class FormOpenedStamps {
  constructor(private readonly secret: string) {}

  stamp(formToken: string, openedAt: Date): string {
    return `${openedAt.getTime()}.${this.signature(formToken, openedAt.getTime())}`;
  }

  /** When the form with this token and stamp was opened, or null if the stamp is missing or not the portal's. */
  openedAt(formToken: string | null, stamp: string): Date | null {
    const match = stampPattern.exec(stamp);
    if (!formToken || !match) return null;
    const openedAtMs = Number(match[1]);
    const expected = Buffer.from(this.signature(formToken, openedAtMs));
    const given = Buffer.from(match[2]!);
    return timingSafeEqual(expected, given) ? new Date(openedAtMs) : null;
  }

  private signature(formToken: string, openedAtMs: number): string {
    return createHmac('sha256', this.secret).update(`form-opened\n${formToken}\n${openedAtMs}`).digest('base64url');
  }
}
