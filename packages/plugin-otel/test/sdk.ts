import { createRequire } from 'node:module';
import type { Context, Tracer } from '@opentelemetry/api';
import type { ReadableSpan, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';

// The SDK's ESM builds import files without extensions (fine for bundlers, not for Node);
// the `module` condition vitest resolves with would pick them, so load the CommonJS builds.
const require = createRequire(import.meta.url);
const { context, SpanKind, trace } = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
const { AsyncLocalStorageContextManager } =
  require('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks');
const { OTLPTraceExporter: GrpcExporter } =
  require('@opentelemetry/exporter-trace-otlp-grpc') as typeof import('@opentelemetry/exporter-trace-otlp-grpc');
const { OTLPTraceExporter: JsonExporter } =
  require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
const { OTLPTraceExporter: ProtoExporter } =
  require('@opentelemetry/exporter-trace-otlp-proto') as typeof import('@opentelemetry/exporter-trace-otlp-proto');
const { resourceFromAttributes } =
  require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
const { BasicTracerProvider, BatchSpanProcessor } =
  require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');

/** The OpenTelemetry API as the SDK sees it (CommonJS build). */
export const otelApi = require('@opentelemetry/api') as typeof import('@opentelemetry/api');

/** The three OTLP exporters of the JS SDK. */
export type ExporterKind = 'grpc' | 'http-protobuf' | 'http-json';

let contextManager: InstanceType<typeof AsyncLocalStorageContextManager> | undefined;

/** A real OTLP exporter of the given kind pointing at the receivers. */
export function exporter(
  kind: ExporterKind,
  ports: { grpc?: number; http?: number },
  options: { concurrencyLimit?: number } = {},
): SpanExporter {
  if (kind === 'grpc') return new GrpcExporter({ url: `http://127.0.0.1:${ports.grpc}`, ...options });
  const url = `http://127.0.0.1:${ports.http}/v1/traces`;
  return kind === 'http-json'
    ? new JsonExporter({ url, ...options })
    : new ProtoExporter({ url, ...options });
}

/** Remembers every ended span, to compare what the SDK sent with what the graph holds. */
export class Recorder implements SpanProcessor {
  readonly spans: ReadableSpan[] = [];
  onStart(): void {}
  onEnd(span: ReadableSpan): void {
    this.spans.push(span);
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

/** A tracer provider for one service exporting through `exp`, registered globally when `global`. */
export function provider(service: string, exp: SpanExporter, recorder: Recorder, global = false) {
  if (!contextManager) {
    contextManager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(contextManager);
  }
  const p = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': service,
      'service.version': '1.0.0',
      'deployment.environment.name': 'test',
    }),
    spanProcessors: [
      recorder,
      new BatchSpanProcessor(exp, { scheduledDelayMillis: 50, maxExportBatchSize: 512 }),
    ],
  });
  if (global) {
    trace.disable();
    trace.setGlobalTracerProvider(p);
  }
  return p;
}

/** A payments "service" answering the example's charge calls as a SERVER span in another service. */
export function paymentsServer(tracer: Tracer) {
  return async (ctx: Context, amount: number) => {
    tracer.startActiveSpan(
      'POST /charge',
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.route': '/charge', 'http.request.method': 'POST', amount },
      },
      ctx,
      (s) => s.end(),
    );
  };
}
