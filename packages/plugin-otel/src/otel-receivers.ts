import type { GraphStore, Logger } from '@cgc/core';
import { type GrpcReceiver, startGrpcReceiver } from './grpc-receiver.js';
import { type HttpReceiver, startHttpReceiver } from './http-receiver.js';
import { IngestPipeline, type PipelineStatus } from './ingest-pipeline.js';
import type { OtelSettings } from './settings.js';

/** The running receivers and their write pipeline. */
export interface OtelReceivers {
  readonly pipeline: IngestPipeline;
  /** Bound ports (undefined when a receiver is disabled). */
  readonly grpcPort: number | undefined;
  readonly httpPort: number | undefined;
  status(): PipelineStatus & { receivers: { grpc?: string; http?: string } };
  /** Stops accepting, drains the queue, stops. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts the write pipeline and the OTLP receivers the settings enable, on a store whose schema is ensured. */
export async function startOtelReceivers(options: {
  store: GraphStore;
  settings: OtelSettings;
  logger: Logger;
}): Promise<OtelReceivers> {
  const { store, settings, logger } = options;
  const pipeline = new IngestPipeline(store, settings, logger);
  await pipeline.start();
  let grpc: GrpcReceiver | undefined;
  let http: HttpReceiver | undefined;
  const common = { pipeline, host: settings.host, maxBodyBytes: settings.maxBodyBytes, logger };
  try {
    if (settings.grpcPort >= 0) grpc = await startGrpcReceiver({ ...common, port: settings.grpcPort });
    if (settings.httpPort >= 0)
      http = await startHttpReceiver({ ...common, port: settings.httpPort, status: () => handle.status() });
  } catch (err) {
    await grpc?.stop();
    await pipeline.stop();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  const handle: OtelReceivers = {
    pipeline,
    grpcPort: grpc?.port,
    httpPort: http?.port,
    status: () => ({
      ...pipeline.status(),
      receivers: {
        ...(grpc ? { grpc: `${settings.host}:${grpc.port}` } : {}),
        ...(http ? { http: `${settings.host}:${http.port}` } : {}),
      },
    }),
    stop() {
      stopping ??= (async () => {
        await Promise.all([grpc?.stop(), http?.stop()]);
        await pipeline.stop();
      })();
      return stopping;
    },
  };
  return handle;
}
