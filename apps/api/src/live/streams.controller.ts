import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import { CurrentActor, Roles } from '@portal/auth';
import { IdParam } from '@portal/common';
import type { StreamScope } from '@portal/live';
import { RequestsRepository } from '@portal/requests';
import type { FastifyReply } from 'fastify';
import { StreamHub } from './stream-hub.service';

const LAST_EVENT_ID = { name: 'Last-Event-ID', required: false, description: 'Replay every event after this id first (sent by EventSource on reconnect).' };

/**
 * Server-Sent Events. Authenticated by the Authorization header or the httpOnly session cookie
 * (EventSource cannot send headers); never a token in the URL. Same authorization as the REST routes.
 */
@ApiTags('live')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller()
export class StreamsController {
  constructor(
    private readonly hub: StreamHub,
    private readonly requests: RequestsRepository,
  ) {}

  @Get('me/events')
  @ApiHeader(LAST_EVENT_ID)
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'Events of my files and my businesses’ files, and my notifications.' })
  me(@CurrentActor() actor: Actor, @Headers('last-event-id') lastEventId: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    return this.stream(reply, actor, { kind: 'me', accountId: actor.accountId }, lastEventId);
  }

  @Get('requests/:id/events')
  @ApiHeader(LAST_EVENT_ID)
  @ApiProduces('text/event-stream')
  async request(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string, @Headers('last-event-id') lastEventId: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    await this.requests.findForApplicant(actor, id);
    return this.stream(reply, actor, { kind: 'request', accountId: actor.accountId, requestId: id }, lastEventId);
  }

  @Get('agent/events')
  @Roles('agent', 'supervisor', 'admin')
  @ApiHeader(LAST_EVENT_ID)
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'The directorate’s events: new files, assignments, transitions, deadline reminders, notes.' })
  agent(@CurrentActor() actor: Actor, @Headers('last-event-id') lastEventId: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const directorateCode = actor.role === 'admin' ? null : actor.directorateCode;
    return this.stream(reply, actor, { kind: 'agent', accountId: actor.accountId, directorateCode }, lastEventId);
  }

  private async stream(reply: FastifyReply, actor: Actor, scope: StreamScope, lastEventId: string | undefined): Promise<void> {
    this.hub.assertCapacity(actor.accountId);
    reply.hijack();
    await this.hub.open(reply.raw, scope, actor.sessionId, lastEventId);
  }
}
