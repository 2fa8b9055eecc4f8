import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AUDIT_CHAIN_BREACHES, AuditChainBreach, AuditChainCheck, AuditService } from '@portal/audit';
import { Roles } from '@portal/auth';
import { IsOptional, Matches } from 'class-validator';

export class VerifyAuditChainDto {
  @ApiPropertyOptional({ example: '1234:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', description: 'A head printed by an earlier check (`<id>:<hash>`): it must still be there, unchanged.' })
  @IsOptional()
  @Matches(/^\d{1,18}:[0-9a-f]{64}$/, { message: "L'ancre s'écrit <numéro>:<empreinte>, telle qu'une vérification précédente l'a donnée." })
  anchor?: string;
}

export class AuditChainCheckDto {
  @ApiProperty({ description: 'True: every entry links to the one before and matches its hash.' }) ok: boolean;
  @ApiProperty({ description: 'Entries checked (before the broken one, if any).' }) count: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Intact chain: its last entry, `<id>:<hash>`, to keep outside the portal as an anchor.' }) head: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) brokenId: string | null;
  @ApiPropertyOptional({ type: String, enum: AUDIT_CHAIN_BREACHES, nullable: true }) breach: AuditChainBreach | null;
  @ApiProperty() checkedAt: string;

  static from(check: AuditChainCheck): AuditChainCheckDto {
    const checkedAt = new Date().toISOString();
    if (!check.ok) return { ok: false, count: check.count, head: null, brokenId: check.brokenId, breach: check.breach, checkedAt };
    return { ok: true, count: check.count, head: check.head && `${check.head.id}:${check.head.hash}`, brokenId: null, breach: null, checkedAt };
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/audit')
export class AdminAuditController {
  constructor(private readonly audit: AuditService) {}

  @Post('verify')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AuditChainCheckDto, description: 'The audit log hash chain checked now, on one snapshot (as `npm run audit:verify`).' })
  async verify(@Body() dto: VerifyAuditChainDto): Promise<AuditChainCheckDto> {
    const [id, hash] = dto.anchor?.split(':') ?? [];
    return AuditChainCheckDto.from(await this.audit.verifyChain({ anchor: id && hash ? { id, hash } : undefined }));
  }
}
