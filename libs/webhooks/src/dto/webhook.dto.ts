import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DIRECTORATE_CODES, DirectorateCode } from '@portal/accounts';
import { Trim } from '@portal/common';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { WebhookDelivery, WebhookDeliveryStatus } from '../webhook-delivery.entity';
import { WEBHOOK_EVENT_TYPES, WebhookEventType, WebhookSubscription } from '../webhook-subscription.entity';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://gestion.example.nc/hooks/portail', description: 'https (http outside production). Private addresses are refused unless WEBHOOK_ALLOW_PRIVATE_NETWORKS.' })
  @Trim()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false }, { message: "L'adresse du webhook n'est pas une URL http(s) valide." })
  @MaxLength(2000)
  url: string;

  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @Trim() @IsString() @MaxLength(200)
  description?: string;

  @ApiPropertyOptional({ enum: DIRECTORATE_CODES, description: 'Only this directorate’s files; absent: every directorate.' })
  @IsOptional()
  @IsIn(DIRECTORATE_CODES)
  directorateCode?: DirectorateCode;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true, description: 'Absent: all of them.' })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes?: WebhookEventType[];
}

export class RedeliverWebhookDto {
  @ApiProperty({ example: '812', description: 'Send again every delivery of an event after this one (`data.eventId` of the last one processed; "0": all).' })
  @IsString()
  @Matches(/^\d{1,18}$/, { message: "afterEventId est l'identifiant numérique d'un événement." })
  afterEventId: string;
}

export class RedeliveryDto {
  @ApiProperty({ description: 'Deliveries queued again (at most 10,000 a call).' }) redelivered: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The last event queued: call again after it if `redelivered` is 10,000.' }) lastEventId: string | null;
}

export class WebhookDeliveriesQuery {
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'failed'] }) @IsOptional() @IsIn(['pending', 'delivered', 'failed'])
  status?: WebhookDeliveryStatus;
}

export class WebhookResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() url: string;
  @ApiPropertyOptional({ type: String, nullable: true }) description: string | null;
  @ApiPropertyOptional({ enum: DIRECTORATE_CODES, nullable: true }) directorateCode: DirectorateCode | null;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) eventTypes: WebhookEventType[];
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) disabledAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) disabledReason: string | null;

  static from(s: WebhookSubscription): WebhookResponseDto {
    return {
      id: s.id,
      url: s.url,
      description: s.description,
      directorateCode: s.directorateCode,
      eventTypes: s.eventTypes,
      createdAt: s.createdAt.toISOString(),
      disabledAt: s.disabledAt?.toISOString() ?? null,
      disabledReason: s.disabledReason,
    };
  }
}

export class CreatedWebhookDto extends WebhookResponseDto {
  @ApiProperty({ description: 'The signing secret (Standard Webhooks, `whsec_…`). Shown this once: store it now.' })
  secret: string;
}

export class WebhookDeliveryDto {
  @ApiProperty({ description: 'Also the `webhook-id` header of every attempt.' }) id: string;
  @ApiProperty() eventId: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status: WebhookDeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) lastStatusCode: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) deliveredAt: string | null;

  static from(d: WebhookDelivery): WebhookDeliveryDto {
    return {
      id: d.id,
      eventId: d.eventId,
      status: d.status,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    };
  }
}
