import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mapError } from './error-mapping';

/** The single place where exceptions become HTTP responses. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendError(reply, request, exception, this.logger);
  }
}

export function sendError(reply: FastifyReply, request: FastifyRequest, exception: unknown, logger: Pick<Logger, 'error'>): void {
  const correlationId = String(request.id);
  const { body, headers, unexpected } = mapError(exception, correlationId);
  if (unexpected) {
    logger.error({ err: exception, correlationId }, 'Unhandled error');
  }
  if (reply.sent || reply.raw.headersSent) {
    reply.raw.end();
    return;
  }
  void reply.headers(headers).status(body.statusCode).send(body);
}
