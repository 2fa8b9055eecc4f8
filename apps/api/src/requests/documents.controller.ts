import { Readable, Transform } from 'node:stream';
import { Controller, Delete, Get, HttpCode, HttpStatus, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import type { Actor } from '@portal/accounts';
import { CurrentActor } from '@portal/auth';
import { DomainError, IdParam, validationFailed } from '@portal/common';
import { AppConfig } from '@portal/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition, DocumentResponseDto, DocumentsService, documentTooLarge } from '@portal/requests';

const DOCUMENT_TYPE = /^[A-Za-z0-9_]{1,64}$/;
const FORM_HINT = 'Envoyez un formulaire multipart/form-data : le champ documentType, puis le fichier dans le champ file.';

/** Documents of a file: the applicant uploads and removes them; the applicant and the directorate read them. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('requests/:id/documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['documentType', 'file'],
      properties: {
        documentType: { type: 'string', description: 'A document type of the service. Must come before the file.' },
        file: { type: 'string', format: 'binary', description: 'PDF, PNG or JPEG, recognised by its content.' },
      },
    },
  })
  @ApiCreatedResponse({ type: DocumentResponseDto })
  async upload(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string, @Req() request: FastifyRequest): Promise<DocumentResponseDto> {
    const { documentType, part } = await uploadForm(request);
    try {
      const file = failWhenTruncated(part, this.config.MAX_DOCUMENT_BYTES);
      return DocumentResponseDto.from(await this.documents.upload(actor, id, documentType, file, part.filename));
    } catch (error) {
      discard(part);
      throw error;
    }
  }

  @Get()
  @ApiOkResponse({ type: [DocumentResponseDto] })
  async list(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string): Promise<DocumentResponseDto[]> {
    return (await this.documents.list(actor, id)).map((d) => DocumentResponseDto.from(d));
  }

  @Get(':docId')
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOkResponse({ description: 'The bytes, with the detected type, always as an attachment.' })
  async download(
    @CurrentActor() actor: Actor,
    @IdParam('id', 'REQUEST_NOT_FOUND') id: string,
    @IdParam('docId', 'DOCUMENT_NOT_FOUND') docId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { document, stream } = await this.documents.download(actor, id, docId);
    // Never rendered by the portal's origin: no sniffing, no active content even if opened inline.
    void reply.header('x-content-type-options', 'nosniff').header('content-security-policy', "default-src 'none'; sandbox");
    return new StreamableFile(stream, { type: document.contentType, disposition: contentDisposition(document.fileName), length: document.sizeBytes });
  }

  @Delete(':docId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Removed (drafts only).' })
  async remove(@CurrentActor() actor: Actor, @IdParam('id', 'REQUEST_NOT_FOUND') id: string, @IdParam('docId', 'DOCUMENT_NOT_FOUND') docId: string): Promise<void> {
    await this.documents.delete(actor, id, docId);
  }
}

/**
 * The form, read in order: the `documentType` field, then the `file` part (so the type is known
 * before a byte is stored). Anything else is refused; multipart errors become the portal's errors.
 */
async function uploadForm(request: FastifyRequest): Promise<{ documentType: string; part: MultipartFile }> {
  if (!request.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', FORM_HINT);
  const parts = request.parts();
  const first = await nextPart(parts);
  if (first?.type === 'field' && first.fieldname !== 'documentType') throw unknownField(first.fieldname);
  if (first?.type !== 'field' || typeof first.value !== 'string' || !DOCUMENT_TYPE.test(first.value)) {
    if (first) discard(first);
    throw validationFailed([{ field: 'documentType', code: 'REQUIRED', message: `Indiquez le type de pièce, avant le fichier. ${FORM_HINT}` }]);
  }
  const second = await nextPart(parts);
  if (!second) throw validationFailed([{ field: 'file', code: 'REQUIRED', message: `Aucun fichier reçu. ${FORM_HINT}` }]);
  if (second.type !== 'file' || second.fieldname !== 'file') {
    discard(second);
    throw unknownField(second.fieldname);
  }
  return { documentType: first.value, part: second };
}

async function nextPart(parts: AsyncIterableIterator<Multipart>): Promise<Multipart | undefined> {
  try {
    const next = await parts.next();
    return next.done ? undefined : next.value;
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode === 413) {
      throw new DomainError('PAYLOAD_TOO_LARGE', 'Trop de champs ou de fichiers : un seul fichier par envoi.');
    }
    throw new DomainError('BAD_REQUEST', `Le formulaire envoyé est incomplet ou mal formé. ${FORM_HINT}`);
  }
}

const unknownField = (field: string): DomainError =>
  validationFailed([{ field, code: 'UNKNOWN_FIELD', message: `Ce champ n'est pas attendu ici. ${FORM_HINT}` }]);

/** Reads what is left of a file part into nothing, so the 4xx goes out on a request read to its end. */
function discard(part: Multipart): void {
  if (part.type !== 'file') return;
  part.file.unpipe();
  part.file.resume();
}

/**
 * The file's bytes, failing with a 413 as soon as multipart's own fileSize limit cuts the file
 * short (busboy would otherwise end the stream quietly, flagging it `truncated`).
 */
function failWhenTruncated(part: MultipartFile, maxBytes: number): Readable {
  const guard = new Transform({
    transform: (chunk: Buffer, _encoding, callback) => callback(null, chunk),
    flush: (callback) => callback(part.file.truncated ? documentTooLarge(maxBytes) : null),
  });
  // An error raised before the service starts reading stays in the stream for it to find.
  guard.on('error', () => undefined);
  part.file.once('limit', () => guard.destroy(documentTooLarge(maxBytes)));
  part.file.once('error', () => guard.destroy(new DomainError('BAD_REQUEST', "L'envoi du fichier a été interrompu.")));
  return part.file.pipe(guard);
}
