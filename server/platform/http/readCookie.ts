import type { Request } from 'express';

/**
 * A cookie as cookie-parser read it: whatever the browser sent, so `unknown` until checked
 * (Express types the cookie jars as `any`). Without cookie-parser there are none.
 */
export function readCookie(req: Request, name: string, { signed = false } = {}): unknown {
  const cookies = (signed ? req.signedCookies : req.cookies) as Partial<Record<string, unknown>> | undefined;
  return cookies?.[name];
}
