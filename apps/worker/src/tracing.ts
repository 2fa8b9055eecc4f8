// First import of main.ts: instruments http, pg and ioredis before they load (see libs/observability/src/tracing.ts).
import { startTracing } from '../../../libs/observability/src/tracing';

startTracing('worker');
