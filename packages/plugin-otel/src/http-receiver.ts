import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { CgcError, isCgcError, type Logger } from '@cgc/core';
import { serve } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { IngestPipeline, Refusal } from './ingest-pipeline.js';
import { decodeJsonRequest, jsonExportResponse } from './otlp-json.js';
import { decodeProtobufRequest, encodeExportResponse } from './otlp-proto.js';
import { encodeRpcStatus } from './rpc-status.js';
import type { DecodedBatch } from './span-record.js';

/** A running OTLP/HTTP receiver. */
export interface HttpReceiver {
  readonly port: number;
  stop(): Promise<void>;
}

// google.rpc.Code values used in error bodies
const INVALID_ARGUMENT = 3;
const RESOURCE_EXHAUSTED = 8;
const UNAVAILABLE = 14;

/** The Hono app serving `POST /v1/traces` (protobuf or JSON, optionally gzip). */
export function otlpHttpApp(pipeline: IngestPipeline, maxBodyBytes: number, status?: () => unknown): Hono {
  const app = new Hono();
  // Lets `cgc otel status` in another process read the live counters.
  app.get('/cgc/status', (c) => c.json((status ?? (() => pipeline.status()))() as object));
  app.post(
    '/v1/traces',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        fail(c, isJson(c), 413, INVALID_ARGUMENT, `request body larger than ${maxBodyBytes} bytes`),
    }),
    async (c) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const json = type === 'application/json';
      if (!json && type !== 'application/x-protobuf') {
        return fail(
          c,
          false,
          415,
          INVALID_ARGUMENT,
          `unsupported content type "${type}": use application/x-protobuf or application/json`,
        );
      }
      const encoding = (c.req.header('content-encoding') ?? 'identity').trim().toLowerCase();
      if (encoding !== 'gzip' && encoding !== 'identity') {
        return fail(c, json, 415, INVALID_ARGUMENT, `unsupported content encoding "${encoding}"`);
      }
      const early = pipeline.admit();
      if (early) return refuse(c, json, early);
      let batch: DecodedBatch;
      try {
        let body: Uint8Array = new Uint8Array(await c.req.arrayBuffer());
        if (encoding === 'gzip') body = gunzip(body, maxBodyBytes);
        batch = json ? decodeJsonRequest(Buffer.from(body).toString('utf8')) : decodeProtobufRequest(body);
      } catch (err) {
        const tooBig = isCgcError(err) && err.details?.tooLarge === true;
        return fail(c, json, tooBig ? 413 : 400, INVALID_ARGUMENT, (err as Error).message);
      }
      if (batch.rejected > 0) pipeline.reject(batch.rejected);
      const refusal = pipeline.offer(batch.spans);
      if (refusal) return refuse(c, json, refusal);
      const message = batch.errors.join('; ');
      if (json) return c.json(jsonExportResponse(batch.rejected, message), 200);
      return c.body(toArrayBuffer(encodeExportResponse(batch.rejected, message)), 200, {
        'content-type': 'application/x-protobuf',
      });
    },
  );
  app.all('/v1/traces', (c) => c.text('use POST', 405, { allow: 'POST' }));
  app.notFound((c) => c.text('not found: this receiver serves POST /v1/traces', 404));
  return app;
}

/** Starts the OTLP/HTTP receiver. */
export async function startHttpReceiver(options: {
  pipeline: IngestPipeline;
  host: string;
  port: number;
  maxBodyBytes: number;
  logger: Logger;
  status?: () => unknown;
}): Promise<HttpReceiver> {
  const app = otlpHttpApp(options.pipeline, options.maxBodyBytes, options.status);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
    s.once('error', (err) =>
      reject(
        new CgcError(
          'CONFIG_INVALID',
          `cannot listen for OTLP/HTTP on ${options.host}:${options.port}: ${err.message}`,
          { cause: err },
        ),
      ),
    );
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info(`otel: OTLP/HTTP receiver on ${options.host}:${port}`);
  let stopping: Promise<void> | undefined;
  return {
    port,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      return stopping;
    },
  };
}

function isJson(c: Context): boolean {
  return (c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json');
}

// 429/503 with Retry-After, so that exporters retry
function refuse(c: Context, json: boolean, refusal: Refusal) {
  c.header('Retry-After', String(refusal.retryAfterS));
  return refusal.reason === 'full'
    ? fail(c, json, 429, RESOURCE_EXHAUSTED, 'cgc: span queue is full, retry later', refusal.retryAfterS)
    : fail(c, json, 503, UNAVAILABLE, 'cgc: graph database unavailable, retry later', refusal.retryAfterS);
}

function fail(
  c: Context,
  json: boolean,
  http: 400 | 413 | 415 | 429 | 503,
  code: number,
  message: string,
  retryAfterS?: number,
) {
  if (json) return c.json({ code, message }, http);
  return c.body(toArrayBuffer(encodeRpcStatus(code, message, retryAfterS)), http, {
    'content-type': 'application/x-protobuf',
  });
}

function gunzip(body: Uint8Array, max: number): Uint8Array {
  try {
    return gunzipSync(body, { maxOutputLength: max });
  } catch (err) {
    const tooLarge = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw new CgcError(
      'INVALID_INPUT',
      tooLarge ? `gzip body inflates beyond ${max} bytes` : `invalid gzip body: ${(err as Error).message}`,
      {
        details: { tooLarge },
      },
    );
  }
}

function toArrayBuffer(u: Uint8Array): ArrayBuffer {
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
}
