import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import { CurrentActor } from '@portal/auth';
import { IdParam } from '@portal/common';
import {
  ApplicantRequestsService,
  CreateRequestDto,
  ListMyRequestsQuery,
  PostMessageDto,
  RequestPageDto,
  RequestResponseDto,
  ResubmitRequestDto,
  SubmitRequestDto,
  TimelineEventDto,
  UpdateDraftDto,
} from '@portal/requests';
import type { FastifyReply } from 'fastify';
import { MessageResponseDto } from './message-response.dto';

/** The applicant's files. Every :id is looked up among the caller's own files only. */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class RequestsController {
  constructor(private readonly requests: ApplicantRequestsService) {}

  @Post()
  @ApiCreatedResponse({ type: RequestResponseDto, description: 'A draft.' })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateRequestDto): Promise<RequestResponseDto> {
    return RequestResponseDto.from(await this.requests.createDraft(actor, dto));
  }

  @Get()
  @ApiOkResponse({ type: RequestPageDto })
  async list(@CurrentActor() actor: Actor, @Query() query: ListMyRequestsQuery): Promise<RequestPageDto> {
    const page = await this.requests.list(actor, query);
    return { items: page.items.map((r) => RequestResponseDto.from(r)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: RequestResponseDto })
  async get(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string): Promise<RequestResponseDto> {
    return RequestResponseDto.from(await this.requests.get(actor, id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: RequestResponseDto })
  async update(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string, @Body() dto: UpdateDraftDto): Promise<RequestResponseDto> {
    return RequestResponseDto.from(await this.requests.updateDraft(actor, id, dto.data));
  }

  @Post(':id/submit')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A unique key per submission attempt (e.g. a UUID).' })
  @ApiOkResponse({ type: RequestResponseDto })
  async submit(
    @CurrentActor() actor: Actor,
    @IdParam('id', 'REQUEST_NOT_FOUND') id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: SubmitRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RequestResponseDto> {
    const result = await this.requests.submitIdempotently(actor, id, key, body);
    void reply.status(result.status).header('idempotent-replayed', String(result.replayed));
    return result.body;
  }

  @Post(':id/resubmit')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: RequestResponseDto })
  async resubmit(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string, @Body() dto: ResubmitRequestDto): Promise<RequestResponseDto> {
    return RequestResponseDto.from(await this.requests.resubmit(actor, id, dto));
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: RequestResponseDto })
  async withdraw(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string): Promise<RequestResponseDto> {
    return RequestResponseDto.from(await this.requests.withdraw(actor, id));
  }

  @Get(':id/timeline')
  @ApiOkResponse({ type: [TimelineEventDto] })
  async timeline(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string): Promise<TimelineEventDto[]> {
    return (await this.requests.timelineOf(actor, id)).map((e) => TimelineEventDto.from(e));
  }

  @Get(':id/messages')
  @ApiOkResponse({ type: [MessageResponseDto] })
  async messages(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string): Promise<MessageResponseDto[]> {
    return (await this.requests.messages(actor, id)).map((m) => MessageResponseDto.from(m));
  }

  @Post(':id/messages')
  @ApiCreatedResponse({ type: MessageResponseDto })
  async postMessage(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string, @Body() dto: PostMessageDto): Promise<MessageResponseDto> {
    return MessageResponseDto.from(await this.requests.postMessage(actor, id, dto.body));
  }
}
