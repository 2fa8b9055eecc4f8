import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { Public } from '@portal/auth';
import { AppConfig } from '@portal/config';
import { REDIS } from '@portal/infra';
import type { Redis } from 'ioredis';
import { SkipThrottle } from '@nestjs/throttler';
import { DataSource } from 'typeorm';

@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly db: TypeOrmHealthIndicator,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly config: AppConfig,
  ) {}

  /** The process is up (for a liveness probe: restart it if this fails). */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Ready to serve: database reachable and migrated. Redis down is reported as `degraded` without
   * failing readiness: submissions still commit to PostgreSQL and the outbox catches up.
   */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 2_000 }),
      () => this.migrations(),
      () => this.redisStatus(),
      () => this.instance(),
    ]);
  }

  private async migrations(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('migrations');
    try {
      const pending = await this.dataSource.showMigrations();
      return pending ? indicator.down({ message: 'pending migrations' }) : indicator.up();
    } catch {
      return indicator.down({ message: 'cannot read migrations' });
    }
  }

  /** Which process answers: the launcher compares it with the id it gave its own API. */
  private instance(): HealthIndicatorResult {
    const indicator = this.indicators.check('instance');
    return this.config.PORTAL_INSTANCE_ID ? indicator.up({ id: this.config.PORTAL_INSTANCE_ID }) : indicator.up();
  }

  private async redisStatus(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('redis');
    if (!this.redis) return indicator.up({ mode: 'embedded (not used)' });
    try {
      await this.redis.ping();
      return indicator.up();
    } catch {
      // Reported, not failing: see above.
      return indicator.up({ degraded: true, message: 'Redis unreachable: jobs wait in the outbox' });
    }
  }
}
