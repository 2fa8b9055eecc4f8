import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
}

/** A real SMTP server on a free port that keeps what it receives, for tests to read. */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Delay before accepting a message (250 OK), to hold a sender mid-delivery. */
  acceptDelayMs = 0;
  /** Refuse every message (550), as a broken mail relay would. */
  refuseAll = false;
  /** Addresses refused once at RCPT TO, the reply naming the address as real servers do (Postfix: 550 5.1.1). */
  readonly refuseRecipientOnce = new Set<string>();
  /** Messages whose data arrived and whose acceptance is being held. */
  holding = 0;
  private readonly closedSessions = new Set<string>();
  private readonly waiters: Array<() => void> = [];
  private readonly server: SMTPServer;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onClose: (session) => this.closedSessions.add(session.id),
      onRcptTo: (address, _session, callback) => {
        if (!this.refuseRecipientOnce.delete(address.address.toLowerCase())) return callback();
        callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then(async (mail: ParsedMail) => {
            if (this.acceptDelayMs > 0) {
              this.holding++;
              await new Promise((r) => setTimeout(r, this.acceptDelayMs).unref());
              this.holding--;
            }
            if (this.refuseAll) {
              callback(Object.assign(new Error('Relais indisponible'), { responseCode: 550 }));
              return;
            }
            // Like a real server: a message counts as delivered only if the sender is still there for the 250.
            if (this.closedSessions.has(session.id)) return;
            const to = Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text;
            const attachments = mail.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content }));
            this.received.push({ to: to ?? '', subject: mail.subject ?? '', text: mail.text ?? '', messageId: mail.messageId ?? '', attachments });
            this.waiters.splice(0).forEach((wake) => wake());
            callback();
          })
          .catch(callback);
      },
    });
    // A sender killed mid-session resets its connection: the sink carries on.
    this.server.on('error', () => undefined);
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  /** Waits for an email matching `match` (e.g. by recipient), up to timeoutMs. */
  async waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs = 15_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching email within ${timeoutMs} ms (received: ${this.received.map((m) => `${m.to}: ${m.subject}`).join(', ')})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  for(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.toLowerCase().includes(address.toLowerCase()));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The token in a link `…?token=<value>` of an email. */
export function tokenFrom(mail: ReceivedMail): string {
  const match = /token=([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match) throw new Error(`no token in email "${mail.subject}"`);
  return match[1];
}
