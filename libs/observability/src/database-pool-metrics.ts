import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PortalMetrics } from './portal-metrics';

/** The subset of pg's Pool it reads (TypeORM's postgres driver keeps it as `master`). */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/** portal_db_pool_connections{state}: the TypeORM pool's connections in use, idle, and callers waiting. */
@Injectable()
export class DatabasePoolMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: PortalMetrics,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge({
      name: 'portal_db_pool_connections',
      help: 'TypeORM pool connections by state (in_use, idle, waiting callers, max)',
      labelNames: ['state'] as const,
      collect: (gauge) => {
        const pool = (this.dataSource.driver as unknown as { master?: PgPool }).master;
        if (!pool) return;
        gauge.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        gauge.set({ state: 'idle' }, pool.idleCount);
        gauge.set({ state: 'waiting' }, pool.waitingCount);
        if (pool.options?.max) gauge.set({ state: 'max' }, pool.options.max);
      },
    });
  }
}
