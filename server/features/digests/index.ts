/** What the rest of the portal may use of the digests. */
export { digestKinds, DigestRepository } from './digestRepository';
export { DigestRedaction } from './digestRedaction';
export { digestSchedule } from './digestSchedule';
