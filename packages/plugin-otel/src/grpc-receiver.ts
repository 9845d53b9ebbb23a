import { CgcError, type Logger } from '@cgc/core';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { IngestPipeline, Refusal } from './ingest-pipeline.js';
import { decodeProtobufRequest, encodeExportResponse, PROTO_DIR, TRACE_SERVICE_PROTO } from './otlp-proto.js';
import { encodeRpcStatus } from './rpc-status.js';

/** A running gRPC receiver. */
export interface GrpcReceiver {
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Serves `opentelemetry.proto.collector.trace.v1.TraceService/Export`. The request
 * bytes are decoded by the same code as OTLP/HTTP; a full queue answers
 * RESOURCE_EXHAUSTED and a failing database UNAVAILABLE, both with RetryInfo, so that
 * exporters retry instead of losing spans.
 */
export async function startGrpcReceiver(options: {
  pipeline: IngestPipeline;
  host: string;
  port: number;
  maxBodyBytes: number;
  logger: Logger;
}): Promise<GrpcReceiver> {
  const def = protoLoader.loadSync(TRACE_SERVICE_PROTO, { includeDirs: [PROTO_DIR], keepCase: true });
  const service = def['opentelemetry.proto.collector.trace.v1.TraceService'] as protoLoader.ServiceDefinition;
  const exportDef = service.Export!;
  // Raw bytes in and out: decoding errors become INVALID_ARGUMENT here instead of an internal error.
  const definition = {
    Export: {
      ...exportDef,
      requestDeserialize: (b: Buffer) => b,
      responseSerialize: (v: Uint8Array) => Buffer.from(v),
    },
  } as unknown as grpc.ServiceDefinition;
  const server = new grpc.Server({
    'grpc.max_receive_message_length': options.maxBodyBytes,
  });
  server.addService(definition, {
    Export: (call: grpc.ServerUnaryCall<Buffer, Uint8Array>, callback: grpc.sendUnaryData<Uint8Array>) => {
      const early = options.pipeline.admit();
      if (early) return refuse(callback, early);
      let batch: ReturnType<typeof decodeProtobufRequest>;
      try {
        batch = decodeProtobufRequest(call.request);
      } catch (err) {
        callback({ code: grpc.status.INVALID_ARGUMENT, details: (err as Error).message });
        return;
      }
      if (batch.rejected > 0) options.pipeline.reject(batch.rejected);
      const refusal = options.pipeline.offer(batch.spans);
      if (refusal) return refuse(callback, refusal);
      callback(null, encodeExportResponse(batch.rejected, batch.errors.join('; ')));
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${options.host}:${options.port}`, grpc.ServerCredentials.createInsecure(), (err, p) => {
      if (err)
        reject(
          new CgcError(
            'CONFIG_INVALID',
            `cannot listen for OTLP gRPC on ${options.host}:${options.port}: ${err.message}`,
            { cause: err },
          ),
        );
      else resolve(p);
    });
  });
  options.logger.info(`otel: OTLP gRPC receiver on ${options.host}:${port}`);
  let stopping: Promise<void> | undefined;
  return {
    port,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 3000);
        force.unref();
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
      return stopping;
    },
  };
}

// RESOURCE_EXHAUSTED/UNAVAILABLE with a RetryInfo, so that exporters retry
function refuse(callback: grpc.sendUnaryData<Uint8Array>, refusal: Refusal): void {
  const code = refusal.reason === 'full' ? grpc.status.RESOURCE_EXHAUSTED : grpc.status.UNAVAILABLE;
  const details =
    refusal.reason === 'full'
      ? 'cgc: span queue is full, retry later'
      : 'cgc: graph database unavailable, retry later';
  const metadata = new grpc.Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(encodeRpcStatus(code, details, refusal.retryAfterS)));
  callback({ code, details, metadata });
}
