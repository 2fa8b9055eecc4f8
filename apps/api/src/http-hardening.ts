import { randomUUID } from 'node:crypto';
import { IncomingMessage, STATUS_CODES, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import { assertStorableInput, DomainError, ERROR_CODES, ErrorCode, errorBody, sendError } from '@portal/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const logger = new Logger('HttpErrors');

// The API speaks JSON; documents are uploaded as multipart. A form post is refused rather than
// parsed, so no browser form on another site can drive a JSON route.
const ACCEPTED_BODIES = new Set(['application/json', 'multipart/form-data']);

/** Fastify's router errors (an undecodable path, a parameter too long) in the portal's error shape. */
export function frameworkErrors(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  sendError(reply, request, error, logger);
}

/** Errors Node's HTTP parser raises before there is a request (headers too large, timeouts). */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode =
    error.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'REQUEST_TIMEOUT' : 'BAD_REQUEST';
  const body = JSON.stringify(errorBody(code, randomUUID()));
  const status = ERROR_CODES[code].status;
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * Input no route can store or safely walk is refused before validation (see assertStorableInput);
 * an `Expect` header other than 100-continue gets the error shape instead of Node's empty 417.
 */
export function hardenHttp(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    if (request.body !== undefined && request.body !== null) {
      const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!ACCEPTED_BODIES.has(type)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE');
    }
    assertStorableInput({ params: request.params, query: request.query, body: request.body });
  });
  fastify.server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    const body = JSON.stringify(errorBody('EXPECTATION_FAILED', randomUUID()));
    response.writeHead(417, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
}
