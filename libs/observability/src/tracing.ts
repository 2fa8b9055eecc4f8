// OpenTelemetry tracing, on only when OTEL_EXPORTER_OTLP_ENDPOINT is set: HTTP (server and client),
// PostgreSQL (pg) and Redis (ioredis) spans, plus one span per job (JobRunner). Must run before
// pg, ioredis and http are loaded: each app's main.ts imports its tracing.ts first. Kept free of
// Nest and of the libraries it instruments for that reason.
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { validateConfig } from '../../config/src/app-config';

export function startTracing(app: 'api' | 'worker'): NodeTracerProvider | undefined {
  let endpoint: string | undefined;
  try {
    endpoint = validateConfig(process.env).OTEL_EXPORTER_OTLP_ENDPOINT;
  } catch {
    return undefined; // the app reports the bad configuration itself, a moment later
  }
  if (!endpoint) return undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': `portal-${app}` }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }), { scheduledDelayMillis: 1_000 }),
    ],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        // Probes would drown the traces.
        ignoreIncomingRequestHook: (req) => (req.url ?? '').startsWith('/health'),
        // Query strings hold tokens (links from emails) and names (searches): never recorded, as in the logs.
        startIncomingSpanHook: () => ({ 'url.query': undefined }),
      }),
      new PgInstrumentation(),
      new IORedisInstrumentation(),
    ],
  });
  // Spans still buffered are sent before the process exits (SIGTERM: Nest's shutdown hooks end first).
  process.once('beforeExit', () => void provider.shutdown());
  return provider;
}
