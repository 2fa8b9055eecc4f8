import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import { CurrentActor, Roles } from '@portal/auth';
import { IdParam } from '@portal/common';
import {
  CreatedWebhookDto,
  CreateWebhookDto,
  RedeliverWebhookDto,
  RedeliveryDto,
  WebhookDeliveriesQuery,
  WebhookDeliveryDto,
  WebhookResponseDto,
  WebhooksService,
} from '@portal/webhooks';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/webhooks')
export class AdminWebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedWebhookDto, description: 'Subscribed. The signing secret is in this answer only.' })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    const subscription = await this.webhooks.create(actor, dto);
    return { ...WebhookResponseDto.from(subscription), secret: subscription.secret };
  }

  @Get()
  @ApiOkResponse({ type: [WebhookResponseDto] })
  async list(): Promise<WebhookResponseDto[]> {
    return (await this.webhooks.list()).map((s) => WebhookResponseDto.from(s));
  }

  @Delete(':id')
  @ApiOkResponse({ type: WebhookResponseDto, description: 'Disabled: nothing more is sent, the history stays.' })
  async disable(@CurrentActor() actor: Actor, @IdParam('id', 'WEBHOOK_NOT_FOUND') id: string): Promise<WebhookResponseDto> {
    return WebhookResponseDto.from(await this.webhooks.disable(actor, id));
  }

  @Get(':id/deliveries')
  @ApiOkResponse({ type: [WebhookDeliveryDto], description: 'The latest 100 deliveries, newest first.' })
  async deliveries(@IdParam('id', 'WEBHOOK_NOT_FOUND') id: string, @Query() query: WebhookDeliveriesQuery): Promise<WebhookDeliveryDto[]> {
    return (await this.webhooks.deliveries(id, query)).map((d) => WebhookDeliveryDto.from(d));
  }

  @Post(':id/redeliver')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: RedeliveryDto, description: 'Every delivery of an event after the cursor is queued again (same webhook-id).' })
  redeliver(@CurrentActor() actor: Actor, @IdParam('id', 'WEBHOOK_NOT_FOUND') id: string, @Body() dto: RedeliverWebhookDto): Promise<RedeliveryDto> {
    return this.webhooks.redeliver(actor, id, dto.afterEventId);
  }
}
