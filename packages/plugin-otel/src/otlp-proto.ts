import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Long from 'long';
import protobuf from 'protobufjs';
import { decodeTraceRequest } from './otlp-wire.js';
import type { DecodedBatch } from './span-record.js';

/** The folder holding the OTLP `.proto` definitions this package ships. */
export const PROTO_DIR = fileURLToPath(new URL('../proto', import.meta.url));
/** The trace service definition file, relative to {@link PROTO_DIR}. */
export const TRACE_SERVICE_PROTO = 'opentelemetry/proto/collector/trace/v1/trace_service.proto';

let types: { request: protobuf.Type; response: protobuf.Type } | undefined;

/** The protobuf types of the trace export request and response, loaded once. */
export function otlpTypes(): { request: protobuf.Type; response: protobuf.Type } {
  if (!types) {
    // Without Long, protobufjs decodes 64-bit fields into doubles and loses nanoseconds; some
    // bundles of protobufjs cannot find it on their own.
    if (!protobuf.util.Long) {
      protobuf.util.Long = Long;
      protobuf.configure();
    }
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => join(PROTO_DIR, target);
    root.loadSync(TRACE_SERVICE_PROTO);
    types = {
      request: root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest'),
      response: root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse'),
    };
  }
  return types;
}

/** Encodes an export response (with partial success when spans were rejected). */
export function encodeExportResponse(rejected: number, message: string): Uint8Array {
  const { response } = otlpTypes();
  const body =
    rejected > 0 || message ? { partialSuccess: { rejectedSpans: rejected, errorMessage: message } } : {};
  return response.encode(response.fromObject(body)).finish();
}

/**
 * Decodes a binary `ExportTraceServiceRequest`; throws INVALID_INPUT when it is not one.
 * Read straight from the wire ({@link decodeTraceRequest}); protobufjs encodes responses.
 */
export function decodeProtobufRequest(buf: Uint8Array): DecodedBatch {
  return decodeTraceRequest(buf);
}
