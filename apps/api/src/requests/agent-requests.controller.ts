import { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import { CurrentActor, Roles } from '@portal/auth';
import { IdParam } from '@portal/common';
import {
  AgentRequestsService,
  AssignRequestDto,
  NoteDto,
  PostMessageDto,
  TransitionRequestDto,
  WorklistExport,
  WorklistExportQuery,
  WorklistQuery,
  WorklistService,
} from '@portal/requests';
import { AgentFileDto, AgentRequestDto, NoteResponseDto, WorklistPageDto } from './agent-request.dto';
import { MessageResponseDto } from './message-response.dto';

/** The directorates' side. Agents and supervisors see their directorate's files only; admins all. */
@ApiTags('agent')
@ApiBearerAuth()
@Roles('agent', 'supervisor', 'admin')
@Controller('agent/requests')
export class AgentRequestsController {
  constructor(
    private readonly worklist: WorklistService,
    private readonly requests: AgentRequestsService,
    private readonly exports: WorklistExport,
  ) {}

  @Get()
  @ApiOkResponse({ type: WorklistPageDto })
  async list(@CurrentActor() actor: Actor, @Query() query: WorklistQuery): Promise<WorklistPageDto> {
    const page = await this.worklist.list(actor, query);
    return { items: page.items.map((r) => AgentRequestDto.forStaff(r, actor)), nextCursor: page.nextCursor };
  }

  @Get('export')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The whole filtered worklist as CSV (UTF-8 with BOM, `;`), in the worklist’s order; with `service`, one column per form field.' })
  async export(@CurrentActor() actor: Actor, @Query() query: WorklistExportQuery): Promise<StreamableFile> {
    const { directorate, chunks } = await this.exports.open(actor, query);
    return new StreamableFile(Readable.from(chunks), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="demandes-${directorate ?? 'toutes-directions'}-${new Date().toISOString().slice(0, 10)}.csv"`,
    });
  }

  @Get(':id')
  @ApiOkResponse({ type: AgentFileDto })
  async get(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string): Promise<AgentFileDto> {
    return AgentFileDto.from(await this.requests.get(actor, id), actor);
  }

  @Post(':id/assign')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AgentRequestDto })
  async assign(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string, @Body() dto: AssignRequestDto): Promise<AgentRequestDto> {
    return AgentRequestDto.forStaff(await this.requests.assign(actor, id, dto), actor);
  }

  @Post(':id/transition')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AgentRequestDto })
  async transition(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string, @Body() dto: TransitionRequestDto): Promise<AgentRequestDto> {
    return AgentRequestDto.forStaff(await this.requests.transition(actor, id, dto), actor);
  }

  @Post(':id/notes')
  @ApiCreatedResponse({ type: NoteResponseDto })
  async addNote(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string, @Body() dto: NoteDto): Promise<NoteResponseDto> {
    return NoteResponseDto.from(await this.requests.addNote(actor, id, dto.body));
  }

  @Post(':id/messages')
  @ApiCreatedResponse({ type: MessageResponseDto })
  async postMessage(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string, @Body() dto: PostMessageDto): Promise<MessageResponseDto> {
    return MessageResponseDto.from(await this.requests.postMessage(actor, id, dto.body));
  }
}
