import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMessage {
  readonly messageId: string;
  readonly from: string;
  readonly replyTo: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** A failure that will not heal by trying again, such as an address the mail server refuses. */
export class PermanentDeliveryFailure extends Error {}

export interface MailTransport {
  /** Resolves once the message is accepted; rejects with PermanentDeliveryFailure, or another error worth retrying. */
  send(message: OutgoingMessage): Promise<void>;
  /**
   * Removes the copies of these messages that the transport itself keeps. An SMTP server's are
   * in the recipients' mailboxes, out of the portal's reach; the file transport's are its files.
   */
  removeCopies(messageIds: readonly string[]): void;
  close(): void;
}

function toNodemailer(message: OutgoingMessage) {
  const { messageId, from, replyTo, to, subject, text, html } = message;
  return { messageId, from, replyTo, to, subject, text, html };
}

/** SMTP 5xx replies are final (but 503, a sequence error), and so is an address nodemailer cannot use. */
function isPermanent(error: unknown): boolean {
  const { responseCode, code } = error as { responseCode?: number; code?: string };
  return (
    (typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 && responseCode !== 503) ||
    code === 'EENVELOPE'
  );
}

/** Sends through the SMTP server in SMTP_URL (TLS and authentication come from the URL). */
export function smtpTransport(smtpUrl: string): MailTransport {
  // One connection kept open and reused: opening one per message (greeting, TLS, login) limited
  // receipts to a few a second, far behind the responses of a deadline rush.
  const transporter = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 1 });
  return {
    async send(message) {
      try {
        await transporter.sendMail(toNodemailer(message));
      } catch (error) {
        throw isPermanent(error) ? new PermanentDeliveryFailure((error as Error).message) : error;
      }
    },
    removeCopies: () => undefined,
    close: () => transporter.close(),
  };
}

/** A message's file is named after when it was written, then its Message-ID, which is unique. */
function fileNameEnding(messageId: string): string {
  return `-${messageId.replace(/[^A-Za-z0-9-]/g, '')}.eml`;
}

/** With no SMTP server: each message becomes an .eml file a newcomer can open in a mail program. */
export function fileTransport(outboxDir: string): MailTransport {
  fs.mkdirSync(outboxDir, { recursive: true });
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const { message: eml } = (await transporter.sendMail(toNodemailer(message))) as { message: Buffer };
      const fileName = `${new Date().toISOString().replace(/[:.]/g, '-')}${fileNameEnding(message.messageId)}`;
      const temporary = path.join(outboxDir, `.${fileName}.tmp`);
      fs.writeFileSync(temporary, eml);
      fs.renameSync(temporary, path.join(outboxDir, fileName));
    },
    removeCopies(messageIds) {
      if (messageIds.length === 0) return;
      const endings = messageIds.map(fileNameEnding);
      for (const fileName of fs.readdirSync(outboxDir)) {
        if (endings.some((ending) => fileName.endsWith(ending)))
          fs.rmSync(path.join(outboxDir, fileName), { force: true });
      }
    },
    close: () => transporter.close(),
  };
}
