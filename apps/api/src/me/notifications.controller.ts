import { Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Actor } from '@portal/accounts';
import { CurrentActor } from '@portal/auth';
import { IdParam } from '@portal/common';
import { Notification, NotificationsService } from '@portal/notifications';

export class ListNotificationsQuery {
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

export class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty({ type: String, nullable: true }) eventId: string | null;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty() read: boolean;
  @ApiProperty() at: string;

  static from(n: Notification): NotificationDto {
    return { id: n.id, requestId: n.requestId, eventId: n.eventId, title: n.title, body: n.body, read: n.readAt !== null, at: n.createdAt.toISOString() };
  }
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ type: [NotificationDto] })
  async list(@CurrentActor() actor: Actor, @Query() query: ListNotificationsQuery): Promise<NotificationDto[]> {
    return (await this.notifications.list(actor.accountId, { unreadOnly: query.unread, limit: query.limit })).map((n) => NotificationDto.from(n));
  }

  @Post('read-all')
  @HttpCode(HttpStatus.NO_CONTENT)
  async readAll(@CurrentActor() actor: Actor): Promise<void> {
    await this.notifications.markAllRead(actor.accountId);
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.NO_CONTENT)
  async read(@CurrentActor() actor: Actor, @IdParam('id') id: string): Promise<void> {
    await this.notifications.markRead(actor.accountId, id);
  }
}
