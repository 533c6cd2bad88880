/** What the rest of the portal may use of the officers' accounts. */
export type { DigestReader, OfficerRepository } from './officerRepository';
export { signInFailures, unnamedSignInOf } from './signInAttempts';
