import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@portal/config';
import { createTransport, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

/** Real SMTP through nodemailer (SMTP_URL). Used by the worker only. */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(private readonly config: AppConfig) {
    this.transport = createTransport(config.SMTP_URL, { from: config.MAIL_FROM });
  }

  async send(message: {
    to: string;
    subject: string;
    text: string;
    html?: string;
    messageId: string;
    attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
  }): Promise<string> {
    const info = await this.transport
      .sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: message.attachments,
        // A stable Message-ID lets a receiving server recognise a retried delivery.
        messageId: `<${message.messageId}@${new URL(this.config.PUBLIC_URL).hostname}>`,
      })
      .catch((error: unknown) => {
        throw withoutServerReply(error);
      });
    return String(info.messageId);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

/**
 * An SMTP server's reply often names the recipient (`550 5.1.1 <jeanne@…>: Recipient address
 * rejected`). The error goes to the job's failed reason in Redis and to the logs, so it keeps the
 * code, command and status only.
 */
function withoutServerReply(error: unknown): unknown {
  const smtp = error as { code?: string; command?: string; responseCode?: number; response?: string };
  if (!(error instanceof Error) || smtp.response === undefined) return error;
  const { code, command, responseCode } = smtp;
  return Object.assign(new Error(`SMTP delivery failed: ${[code, command, responseCode].filter(Boolean).join(' ')}`), { code, command, responseCode });
}
