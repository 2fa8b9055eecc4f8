import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { RealtimeBus } from './realtime-bus';
import { RealtimeMessage } from './realtime-message';

export const REALTIME_BUS = Symbol('REALTIME_BUS');

type WithPending = { realtime?: RealtimeMessage[] };

/**
 * Publishes wake-ups only once the data is committed: messages added inside a transaction wait for
 * its commit (a TypeORM transaction subscriber), and are dropped on rollback. Used by the API and
 * the worker alike, so a change made by any process reaches every instance.
 */
@Injectable()
export class RealtimePublisher implements OnModuleInit, EntitySubscriberInterface {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REALTIME_BUS) private readonly bus: RealtimeBus,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  afterCommit(manager: EntityManager, ...messages: RealtimeMessage[]): void {
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      const data = runner.data as WithPending;
      (data.realtime ??= []).push(...messages);
      return;
    }
    void this.bus.publish(messages);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as WithPending;
    const pending = data.realtime;
    if (!pending?.length) return;
    data.realtime = [];
    void this.bus.publish(pending);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    (event.queryRunner.data as WithPending).realtime = [];
  }
}
