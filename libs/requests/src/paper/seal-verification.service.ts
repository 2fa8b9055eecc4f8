import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatXpf } from '@portal/catalogue';
import { DomainError } from '@portal/common';
import { DataSource } from 'typeorm';
import { documentTooLargeMessage } from '../documents/document-limits';
import { RequestDocument } from '../entities/request-document.entity';
import { DOCUMENT_LABELS_FR, OUTCOME_LABELS_FR } from './letter-content';
import { normaliseSealCode, Seal, SealFacts, sealCode } from './seal';
import type { VerificationResultDto } from './verification.dto';

const AUTHENTIC = 'Document authentique : il a été émis par la province Sud et n’a pas été modifié. Vérifiez que les informations ci-dessous sont celles du document que vous avez sous les yeux.';
const NOT_RECOGNISED = 'Document non reconnu : ce code ou ce fichier ne correspond à aucun document émis par la province Sud, ou le document a été modifié.';
// Letters are a few dozen kilobytes: a larger upload cannot be one of them.
const MAX_CHECKED_BYTES = 10 * 1024 * 1024;

/**
 * The public check behind the /verifier page: a code, a scanned URL or the PDF itself. Answers only
 * what the seal states (reference, kind, decision, date, amount): nothing about the person.
 */
@Injectable()
export class SealVerification {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seal: Seal,
  ) {}

  /** A short code is looked up; a URL or a seal is checked by its signature alone (as offline). */
  async verifyCode(input: string): Promise<VerificationResultDto> {
    const text = input.trim();
    const jws = sealIn(text);
    if (jws) return this.answer(jws);
    const code = normaliseSealCode(text);
    if (!code) return notRecognised();
    const document = await this.dataSource.manager.findOne(RequestDocument, { where: { sealCode: code, origin: 'portal' }, select: { id: true, seal: true } });
    return document?.seal ? this.answer(document.seal) : notRecognised();
  }

  /** The file's SHA-256 against the documents the portal issued: one changed byte and it is unknown. */
  async verifyFile(file: Readable): Promise<VerificationResultDto> {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of file) {
      size += (chunk as Buffer).length;
      if (size > MAX_CHECKED_BYTES) {
        file.destroy();
        throw new DomainError('PAYLOAD_TOO_LARGE', documentTooLargeMessage(MAX_CHECKED_BYTES));
      }
      hash.update(chunk as Buffer);
    }
    const sha256 = hash.digest('hex');
    const document = await this.dataSource.manager.findOne(RequestDocument, { where: { sha256, origin: 'portal' }, select: { id: true, seal: true } });
    return document?.seal ? this.answer(document.seal) : notRecognised();
  }

  keys(): ReturnType<Seal['jwks']> {
    return this.seal.jwks();
  }

  private answer(jws: string): VerificationResultDto {
    const check = this.seal.verify(jws);
    if (!check.valid) return notRecognised();
    return { status: 'authentique', message: AUTHENTIC, facts: describeFacts(check.facts), keyId: check.kid, code: sealCode(jws) };
  }
}

function describeFacts(f: SealFacts): NonNullable<VerificationResultDto['facts']> {
  return {
    reference: f.reference,
    document: f.document,
    documentLabel: DOCUMENT_LABELS_FR[f.document],
    outcome: f.outcome,
    outcomeLabel: OUTCOME_LABELS_FR[f.outcome],
    date: f.date,
    ...(f.amountXpf !== undefined ? { amountXpf: f.amountXpf, amountLabel: formatXpf(f.amountXpf) } : {}),
  };
}

const notRecognised = (): VerificationResultDto => ({ status: 'non_reconnu', message: NOT_RECOGNISED });

/** The seal in what was typed or scanned: a URL with `?d=`, or the seal itself. */
function sealIn(text: string): string | null {
  const fromQuery = /[?&]d=([A-Za-z0-9_.-]+)/.exec(text)?.[1];
  const candidate = fromQuery ?? text;
  return candidate.split('.').length === 3 ? candidate : null;
}
