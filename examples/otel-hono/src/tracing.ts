import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { MiddlewareHandler } from 'hono';

/** Where this code runs in production (a container); cgc maps it back to the repository. */
export const CONTAINER_ROOT = '/srv/orders';

const tracer = () => trace.getTracer('example-otel-hono', '0.1.0');

/** A SERVER span per request, named and attributed after the matched route. */
export const serverSpans: MiddlewareHandler = async (c, next) => {
  await tracer().startActiveSpan(`${c.req.method}`, { kind: SpanKind.SERVER }, async (span) => {
    try {
      await next();
      span.setAttributes({
        'http.request.method': c.req.method,
        'http.route': c.req.routePath,
        'http.response.status_code': c.res.status,
        'url.path': new URL(c.req.url).pathname,
      });
      span.updateName(`${c.req.method} ${c.req.routePath}`);
      if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    } finally {
      span.end();
    }
  });
};

/** Runs `fn` in an INTERNAL (or given kind) span with the given attributes, recording errors. */
export async function inSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T> | T,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}

/**
 * The file and line of the caller as a runtime sees them, in the container's layout
 * (what PHP, Python and Java auto-instrumentations report as code.file.path/line).
 */
export function callerLocation(): Attributes {
  const line = new Error().stack?.split('\n')[2] ?? '';
  const m = /\(?(?:file:\/\/)?([^()]+?):(\d+):\d+\)?$/.exec(line.trim());
  if (!m) return {};
  const file = m[1]!.replace(/\\/g, '/');
  const at = file.lastIndexOf('/src/');
  return {
    'code.file.path': at >= 0 ? `${CONTAINER_ROOT}${file.slice(at)}` : file,
    'code.line.number': Number(m[2]),
  };
}

/** The active context, for handing to another (simulated) service. */
export function activeContext(): Context {
  return context.active();
}
