import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Multipart } from '@fastify/multipart';
import { Public } from '@portal/auth';
import { DomainError, validationFailed } from '@portal/common';
import { AppConfig } from '@portal/config';
import { documentTooLarge, SealKeysDto, SealVerification, VerificationResultDto, VerifySealDto } from '@portal/requests';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { nextPart } from './multipart-form';

const FILE_HINT = 'Envoyez le document PDF dans le champ file d’un formulaire multipart/form-data.';

/**
 * The public check of the letters the portal issues (no sign-in): by code or scanned URL, by the
 * PDF itself, and the public keys for anyone to verify seals offline.
 */
@ApiTags('verification')
@Controller()
export class VerificationsController {
  constructor(
    private readonly verification: SealVerification,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('verifications')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: VerificationResultDto, description: '`authentique` with the sealed facts, or `non_reconnu`.' })
  verifyCode(@Body() dto: VerifySealDto): Promise<VerificationResultDto> {
    return this.verification.verifyCode(dto.code);
  }

  @Public()
  @Post('verifications/document')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'The PDF as received.' } } } })
  @ApiOkResponse({ type: VerificationResultDto, description: 'Compares the file’s SHA-256 with the documents the portal issued.' })
  async verifyDocument(@Req() request: FastifyRequest): Promise<VerificationResultDto> {
    if (!request.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', FILE_HINT);
    const maxBytes = this.config.MAX_DOCUMENT_BYTES;
    for await (const part of partsOf(request)) {
      // Other fields (a page may send some) are skipped; the first file is the one checked.
      if (part.type !== 'file') continue;
      part.file.once('limit', () => part.file.destroy(documentTooLarge(maxBytes)));
      const result = await this.verification.verifyFile(part.file);
      if (part.file.truncated) throw documentTooLarge(maxBytes);
      return result;
    }
    throw validationFailed([{ field: 'file', code: 'REQUIRED', message: `Aucun fichier reçu. ${FILE_HINT}` }]);
  }

  @Public()
  @Get('seal/keys')
  @ApiOkResponse({ type: SealKeysDto, description: 'The seal’s public keys as JWK (Ed25519), the current one first; earlier ones stay for documents they sealed.' })
  keys(@Res({ passthrough: true }) reply: FastifyReply): SealKeysDto {
    void reply.header('cache-control', 'public, max-age=3600');
    return this.verification.keys();
  }
}

/** The form's parts; multipart's own errors become the portal's. */
async function* partsOf(request: FastifyRequest): AsyncGenerator<Multipart> {
  const parts = request.parts();
  for (let part = await nextPart(parts, FILE_HINT); part; part = await nextPart(parts, FILE_HINT)) yield part;
}
