import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@portal/common';
import { DataSource, IsNull } from 'typeorm';
import { Notification } from './notification.entity';

/** A person's in-app notifications; every query carries the owner. */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(accountId: string, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<Notification[]> {
    return this.dataSource.manager.find(Notification, {
      where: { accountId, ...(options.unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC' },
      take: options.limit ?? 50,
    });
  }

  async markRead(accountId: string, id: string): Promise<void> {
    const found = await this.dataSource.manager.findOneBy(Notification, { id, accountId });
    if (!found) throw new DomainError('NOT_FOUND');
    if (!found.readAt) await this.dataSource.manager.update(Notification, { id, accountId }, { readAt: () => 'now()' });
  }

  async markAllRead(accountId: string): Promise<void> {
    await this.dataSource.manager.update(Notification, { accountId, readAt: IsNull() }, { readAt: () => 'now()' });
  }
}
