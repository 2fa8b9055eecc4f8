import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { currentCorrelationId } from '@portal/common';
import { DataSource, EntitySubscriberInterface, TransactionStartEvent } from 'typeorm';

/**
 * Hands the current correlation id to each transaction (set_config(…, true): until its end only),
 * where the outbox's default reads it: every job a request's transaction queues, its own or a
 * trigger's, carries the request's id. One statement more per transaction, only under an id.
 */
@Injectable()
export class CorrelationPropagation implements OnModuleInit, EntitySubscriberInterface {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  async afterTransactionStart({ queryRunner }: TransactionStartEvent): Promise<void> {
    const id = currentCorrelationId();
    if (id) await queryRunner.query(`SELECT set_config('portal.correlation_id', $1, true)`, [id]);
  }
}
