import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@portal/config';
import { DataSource } from 'typeorm';
import { PortalMetrics } from './portal-metrics';

const HEALTH_TIMEOUT_MS = 2_000;

/**
 * A second, internal HTTP listener on METRICS_PORT (off when 0): GET /metrics (Prometheus text;
 * bearer METRICS_TOKEN when set) and GET /health (PostgreSQL answers: the worker's only HTTP, for
 * its healthcheck). Never on the public port, so the portal's address exposes no metrics.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: PortalMetrics,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.METRICS_PORT === 0) return;
    const server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.METRICS_PORT, this.config.HOST, () => resolve());
    });
    this.server = server;
    const guarded = this.config.METRICS_TOKEN ? 'bearer token required' : 'no token: keep the port internal';
    this.logger.log(`metrics and health on ${this.config.HOST}:${this.config.METRICS_PORT} (/metrics, /health; ${guarded})`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed\n');
      if (path === '/health') {
        const up = await this.databaseAnswers();
        return send(res, up ? 200 : 503, 'application/json', JSON.stringify({ status: up ? 'ok' : 'error', database: up ? 'up' : 'down' }));
      }
      if (path === '/metrics') {
        if (!this.authorized(req.headers.authorization)) {
          res.setHeader('www-authenticate', 'Bearer');
          return send(res, 401, 'text/plain', 'unauthorized\n');
        }
        return send(res, 200, this.metrics.registry.contentType, await this.metrics.registry.metrics());
      }
      send(res, 404, 'text/plain', 'not found\n');
    } catch (error) {
      this.logger.warn(`metrics server: ${(error as Error).message}`);
      if (!res.headersSent) send(res, 500, 'text/plain', 'error\n');
    }
  }

  private authorized(header: string | undefined): boolean {
    const token = this.config.METRICS_TOKEN;
    if (!token) return true;
    const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS)));
    const ping = this.dataSource.query('SELECT 1').then(() => true, () => false);
    return Promise.race([ping, timeout]).finally(() => clearTimeout(timer));
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
}
