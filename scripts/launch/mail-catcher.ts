import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { Logger } from './log';

export interface MailCatcher {
  url: string;
  close(): Promise<void>;
}

export interface CaughtEmail {
  to: string;
  from: string;
  subject: string;
  /** The text part, or text made from the HTML part. */
  text: string;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * A local SMTP server that accepts every message and prints it, so a developer without a mail server
 * still sees verification and password-reset links. Listens on 127.0.0.1 only; no TLS, any login accepted.
 */
export async function startMailCatcher(preferredPort: number, log: Logger, print: (lines: string[]) => void): Promise<MailCatcher> {
  let server = createServer(log, print);
  let port: number;
  try {
    port = await listen(server, preferredPort);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    server = createServer(log, print);
    port = await listen(server, 0);
  }
  server.on('error', (error: Error) => log.warn(`mail catcher: ${error.message}`));
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function createServer(log: Logger, print: (lines: string[]) => void): SMTPServer {
  return new SMTPServer({
    logger: false,
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    size: MAX_MESSAGE_BYTES,
    banner: 'portal mail catcher (development only: messages are printed, never delivered)',
    onAuth: (_auth, _session, callback) => callback(null, { user: 'developer' }),
    onData: (stream, session, callback) => {
      simpleParser(stream)
        .then((mail) => {
          const to = [mail.to ?? []].flat().map((address) => address.text).join(', ');
          print(formatEmail({ to: to || recipients(session), from: mail.from?.text ?? '', subject: mail.subject ?? '', text: mail.text ?? '' }));
          callback();
        })
        .catch((error: Error) => {
          log.warn(`mail catcher could not read a message: ${error.message}`);
          callback();
        });
    },
  });
}

function listen(server: SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve((server.server.address() as AddressInfo).port);
    });
  });
}

function recipients(session: SMTPServerSession): string {
  return session.envelope.rcptTo.map((address) => address.address).join(', ');
}

/** How a caught email appears in the console: To, Subject, then the text body. */
export function formatEmail(email: CaughtEmail): string[] {
  const rule = '─'.repeat(72);
  const body = email.text.replace(/\r\n?/g, '\n').trim();
  return [
    rule,
    `À / To:          ${email.to}`,
    `Objet / Subject: ${email.subject}`,
    ...(email.from ? [`De / From:       ${email.from}`] : []),
    '',
    ...(body ? body.split('\n') : ['(pas de texte / no text body)']),
    rule,
  ];
}
