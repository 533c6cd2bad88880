import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on this machine, that keeps what it accepts and can be stopped and started.
 * Like a real mail server, it takes a message on only by replying to its data: a message whose
 * sender has gone by the time of the reply is dropped.
 */
export class TestSmtpServer {
  readonly received: ParsedMail[] = [];
  /** Recipients refused for good, as a mail server refuses an address that does not exist. */
  readonly refusedRecipients = new Set<string>();
  private server: SMTPServer | null = null;
  private readonly closedSessions = new Set<string>();
  private heldReplies: { released: Promise<void>; release: () => void } | null = null;
  private arrivalWaiters: (() => void)[] = [];
  port = 0;

  /** From now on, replies to messages' data wait for releaseReplies(): a delivery stays under way. */
  holdReplies(): void {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    this.heldReplies = { released, release };
  }

  releaseReplies(): void {
    this.heldReplies?.release();
    this.heldReplies = null;
  }

  /** Resolves when the next message's data has arrived, before the reply to it. */
  nextArrival(): Promise<void> {
    return new Promise((resolve) => this.arrivalWaiters.push(resolve));
  }

  private async accept(mail: ParsedMail, sessionId: string): Promise<void> {
    for (const arrived of this.arrivalWaiters.splice(0)) arrived();
    await this.heldReplies?.released;
    if (this.closedSessions.has(sessionId)) throw new Error('The sender went away before the message was accepted');
    this.received.push(mail);
  }

  async start(port = 0): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (this.refusedRecipients.has(address.address)) {
          const error = new Error('No such mailbox') as Error & { responseCode: number };
          error.responseCode = 550;
          callback(error);
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => this.accept(mail, session.id))
          .then(() => callback(), callback);
      },
      onClose: (session) => this.closedSessions.add(session.id),
    });
    // A sender killed in the middle of a session resets its connection, which smtp-server
    // reports as an error event: unheard, that would end the test run.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.releaseReplies();
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }
}
