import type { Request } from 'express';
import { readCookie } from '../../server/platform/http/readCookie';

const requestWith = (jars: Partial<Pick<Request, 'cookies' | 'signedCookies'>>) => jars as Request;

describe('a cookie the browser sent', () => {
  test('is read from the plain jar, or from the signed one when asked', () => {
    const request = requestWith({ cookies: { lang: 'cy' }, signedCookies: { confirmation: 'S2-ABC 1' } });
    expect(readCookie(request, 'lang')).toBe('cy');
    expect(readCookie(request, 'confirmation')).toBeUndefined();
    expect(readCookie(request, 'confirmation', { signed: true })).toBe('S2-ABC 1');
  });

  test('is missing when it was not sent, or when nothing parsed the cookies', () => {
    expect(readCookie(requestWith({ cookies: {} }), 'lang')).toBeUndefined();
    expect(readCookie(requestWith({}), 'lang')).toBeUndefined();
    expect(readCookie(requestWith({}), 'confirmation', { signed: true })).toBeUndefined();
  });
});
