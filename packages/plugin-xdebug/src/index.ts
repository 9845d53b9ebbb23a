import { createXdebugPlugin } from './plugin.js';

export { ChainBuilder, type FrameInfo, frameId, type StackLevel } from './capture/chain-builder.js';
export { type FrameKind, type FrameName, parseFrameName } from './capture/frame-name.js';
export { type BatchSink, CallRecorder, type CaptureBatch, type RequestInfo } from './capture/recorder.js';
export { DbgpConnection, type DbgpConnectionLimits } from './dbgp/connection.js';
export { DbgpFrameDecoder, encodeCommand } from './dbgp/framing.js';
export { DbgpListener, type DbgpListenerOptions, isAllowed, type ListenerStatus } from './dbgp/listener.js';
export {
  type DbgpInit,
  type DbgpPacket,
  type DbgpResponse,
  type DbgpStackEntry,
  parsePacket,
} from './dbgp/packets.js';
export {
  type BreakpointSpec,
  ONCE_PER_CALL,
  ONCE_PER_CLOSURE_CALL,
  runSession,
  type SessionOptions,
  type SessionResult,
} from './dbgp/session.js';
export { planBreakpoints } from './graph/breakpoint-plan.js';
export { ChainWriter, type ChainWriterOptions } from './graph/chain-writer.js';
export { markObservedCalls, type ObservedCall, type ObservedCallsResult } from './graph/observed-calls.js';
export { mapPath, type PathMapping, parsePathMappings, unmapPath } from './graph/path-mapping.js';
export { type FrameResolution, functionAtLine, resolveFrames } from './graph/resolve-frames.js';
export { type ClassMethod, traitMethods } from './graph/trait-methods.js';
export {
  graphCounts,
  listChains,
  missedCalls,
  neverExecuted,
  queryChains,
  requestFunctions,
} from './queries.js';
export { NOT_FOR_PRODUCTION, XdebugRuntime } from './runtime.js';
export { XDEBUG_SCHEMA } from './schema.js';
export { DEFAULT_SETTINGS, resolveSettings, type XdebugSettings } from './settings.js';
export { importTraceFile, importTraces, isTraceFile, type TraceImportResult } from './trace/import-trace.js';
export { TraceReader, type TraceReaderOptions, type TraceReadStats } from './trace/trace-reader.js';
export { TraceWatcher } from './trace/trace-watcher.js';
export { createXdebugPlugin };

/** The plugin factory (default export, loaded by cgc's plugin discovery). */
export default createXdebugPlugin;
