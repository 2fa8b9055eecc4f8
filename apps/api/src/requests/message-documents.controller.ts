import { Controller, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Multipart } from '@fastify/multipart';
import type { Actor } from '@portal/accounts';
import { CurrentActor, Roles } from '@portal/auth';
import { DomainError, IdParam, validationFailed } from '@portal/common';
import { AppConfig } from '@portal/config';
import { IncomingFile, MAX_MESSAGE_ATTACHMENTS, MAX_MESSAGE_LENGTH, MessageSide, RequestMessages } from '@portal/requests';
import type { FastifyRequest } from 'fastify';
import { MessageResponseDto } from './message-response.dto';
import { discard, failWhenTruncated, nextPart, unknownField } from './multipart-form';

const FORM_HINT = `Envoyez un formulaire multipart/form-data : le champ body (le message), puis jusqu’à ${MAX_MESSAGE_ATTACHMENTS} fichiers dans des champs file.`;
const TOO_MANY_PARTS = `Un seul champ body, puis ${MAX_MESSAGE_ATTACHMENTS} fichiers au plus.`;

const MESSAGE_FORM = {
  schema: {
    type: 'object',
    required: ['body'],
    properties: {
      body: { type: 'string', maxLength: MAX_MESSAGE_LENGTH, description: 'The message. Must come before the files.' },
      file: { type: 'array', maxItems: MAX_MESSAGE_ATTACHMENTS, items: { type: 'string', format: 'binary' }, description: 'PDF, PNG or JPEG, recognised by their content.' },
    },
  },
};

/** A message with documents, from the applicant (own files, once submitted). */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests/:id/messages/with-documents')
export class ApplicantMessageDocumentsController {
  constructor(
    private readonly messages: RequestMessages,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody(MESSAGE_FORM)
  @ApiCreatedResponse({ type: MessageResponseDto })
  post(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string, @Req() request: FastifyRequest): Promise<MessageResponseDto> {
    return postMessageForm(this.messages, this.config, actor, 'applicant', id, request);
  }
}

/** A message with documents, from the directorate (its own files). */
@ApiTags('agent')
@ApiBearerAuth()
@Roles('agent', 'supervisor', 'admin')
@Controller('agent/requests/:id/messages/with-documents')
export class AgentMessageDocumentsController {
  constructor(
    private readonly messages: RequestMessages,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody(MESSAGE_FORM)
  @ApiCreatedResponse({ type: MessageResponseDto })
  post(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string, @Req() request: FastifyRequest): Promise<MessageResponseDto> {
    return postMessageForm(this.messages, this.config, actor, 'agent', id, request);
  }
}

/**
 * Reads the form in order — the `body` field, then each `file` part as it streams — and hands the
 * files to the service one by one, so nothing is buffered. On any error the rest of the form is
 * read into nothing, so the 4xx goes out on a request read to its end.
 */
async function postMessageForm(messages: RequestMessages, config: AppConfig, actor: Actor, side: MessageSide, id: string, request: FastifyRequest): Promise<MessageResponseDto> {
  if (!request.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', FORM_HINT);
  // One more file than allowed reaches the service, which refuses it with a field error.
  const parts = request.parts({ limits: { files: MAX_MESSAGE_ATTACHMENTS + 1, fields: 1, fieldSize: MAX_MESSAGE_LENGTH * 4 } });
  let current: Multipart | undefined;
  try {
    const body = messageBody(await nextPart(parts, FORM_HINT, TOO_MANY_PARTS));
    async function* files(): AsyncGenerator<IncomingFile> {
      for (current = await nextPart(parts, FORM_HINT, TOO_MANY_PARTS); current; current = await nextPart(parts, FORM_HINT, TOO_MANY_PARTS)) {
        if (current.type !== 'file' || current.fieldname !== 'file') throw unknownField(current.fieldname, FORM_HINT);
        yield { stream: failWhenTruncated(current, config.MAX_DOCUMENT_BYTES), name: current.filename };
      }
    }
    const { message, attachments } = await messages.post(actor, side, id, body, files());
    return MessageResponseDto.from(message, attachments);
  } catch (error) {
    if (current) discard(current);
    throw error;
  }
}

function messageBody(part: Multipart | undefined): string {
  if (part?.type === 'field' && part.fieldname !== 'body') throw unknownField(part.fieldname, FORM_HINT);
  if (part?.type !== 'field' || typeof part.value !== 'string' || !/\S/.test(part.value)) {
    if (part) discard(part);
    throw validationFailed([{ field: 'body', code: 'REQUIRED', message: `Écrivez le message, avant les fichiers. ${FORM_HINT}` }]);
  }
  if (part.valueTruncated || part.value.length > MAX_MESSAGE_LENGTH) {
    throw validationFailed([{ field: 'body', code: 'TOO_LONG', message: `Le message dépasse ${MAX_MESSAGE_LENGTH} caractères.` }]);
  }
  return part.value;
}
