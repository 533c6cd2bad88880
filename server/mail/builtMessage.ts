/** An email as written, before it is addressed: its subject, and its plain-text and HTML parts. */
export interface BuiltMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}
