import { createOtelPlugin } from './plugin.js';

export { type Correlation, correlate, type SpanCode, type Strategy, spanCode } from './correlate.js';
export { fqnParts, normaliseRoute, spanFqn } from './fqn.js';
export { FunctionIndex, type IndexedFunction, type IndexedRoute } from './function-index.js';
export { IngestPipeline, type PipelineStatus, type Refusal } from './ingest-pipeline.js';
export { loadFunctionIndex } from './load-index.js';
export { type OtelReceivers, startOtelReceivers } from './otel-receivers.js';
export { decodeJsonRequest, jsonExportResponse } from './otlp-json.js';
export {
  decodeProtobufRequest,
  encodeExportResponse,
  otlpTypes,
  PROTO_DIR,
  TRACE_SERVICE_PROTO,
} from './otlp-proto.js';
export { mapPath, type PathMapping, parsePathMappings } from './path-mapping.js';
export { createOtelPlugin, OTEL_PLUGIN_VERSION } from './plugin.js';
export { pruneSpans } from './retention.js';
export { OTEL_SCHEMA } from './schema.js';
export { type OtelSettings, parseSettings } from './settings.js';
export type {
  AttrValue,
  CompactEvent,
  CompactLink,
  DecodedBatch,
  ServiceInfo,
  SpanRecord,
} from './span-record.js';

/** The plugin factory, discovered by cgc through the `cgc` field of package.json. */
export default createOtelPlugin;
