import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CgcError } from '@cgc/core';
import Long from 'long';
import protobuf from 'protobufjs';
import {
  type AttrValue,
  type CompactEvent,
  type CompactLink,
  type DecodedBatch,
  SPAN_KINDS,
  type SpanRecord,
  STATUS_CODES,
  serviceFromResource,
  spanProblem,
} from './span-record.js';

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

interface PbKeyValue {
  key: string;
  value?: PbAnyValue | null;
}
interface PbAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: protobuf.Long | number;
  doubleValue?: number;
  arrayValue?: { values?: PbAnyValue[] };
  kvlistValue?: { values?: PbKeyValue[] };
  bytesValue?: Uint8Array;
}
interface PbSpan {
  traceId: Uint8Array;
  spanId: Uint8Array;
  parentSpanId: Uint8Array;
  name: string;
  kind: number;
  startTimeUnixNano: protobuf.Long | number;
  endTimeUnixNano: protobuf.Long | number;
  attributes: PbKeyValue[];
  events: { timeUnixNano: protobuf.Long | number; name: string; attributes: PbKeyValue[] }[];
  links: { traceId: Uint8Array; spanId: Uint8Array; attributes: PbKeyValue[] }[];
  status?: { code?: number; message?: string } | null;
}
interface PbRequest {
  resourceSpans: {
    resource?: { attributes: PbKeyValue[] } | null;
    scopeSpans: { scope?: { name?: string; version?: string } | null; spans: PbSpan[] }[];
  }[];
}

/** Decodes a binary `ExportTraceServiceRequest`; throws INVALID_INPUT when it is not one. */
export function decodeProtobufRequest(buf: Uint8Array): DecodedBatch {
  let msg: PbRequest;
  try {
    msg = otlpTypes().request.decode(buf) as unknown as PbRequest;
  } catch (err) {
    throw new CgcError('INVALID_INPUT', `malformed OTLP protobuf: ${(err as Error).message}`, { cause: err });
  }
  const out: SpanRecord[] = [];
  const errors: string[] = [];
  let rejected = 0;
  for (const rs of msg.resourceSpans) {
    const service = serviceFromResource(pbAttrs(rs.resource?.attributes));
    for (const ss of rs.scopeSpans) {
      const scope = ss.scope?.name
        ? `${ss.scope.name}${ss.scope.version ? `@${ss.scope.version}` : ''}`
        : undefined;
      for (const s of ss.spans) {
        const traceId = hex(s.traceId);
        const spanId = hex(s.spanId);
        const parent = s.parentSpanId && s.parentSpanId.length > 0 ? hex(s.parentSpanId) : undefined;
        const problem = spanProblem(traceId, spanId, parent);
        if (problem) {
          rejected++;
          if (errors.length < 5) errors.push(problem);
          continue;
        }
        const startNs = toBig(s.startTimeUnixNano);
        const endNs = toBig(s.endTimeUnixNano);
        out.push({
          spanId,
          traceId,
          ...(parent ? { parentSpanId: parent } : {}),
          name: s.name,
          kind: SPAN_KINDS[s.kind] ?? 'UNSPECIFIED',
          service,
          ...(scope ? { scope } : {}),
          startNs,
          endNs: endNs < startNs ? startNs : endNs,
          statusCode: STATUS_CODES[s.status?.code ?? 0] ?? 'UNSET',
          ...(s.status?.message ? { statusMessage: s.status.message } : {}),
          attributes: pbAttrs(s.attributes),
          events: s.events.map((e): CompactEvent => {
            const at = Number((toBig(e.timeUnixNano) - startNs) / 1000n);
            return e.attributes.length > 0 ? [at, e.name, pbAttrs(e.attributes)] : [at, e.name];
          }),
          links: s.links.map(
            (l): CompactLink =>
              l.attributes.length > 0
                ? [hex(l.traceId), hex(l.spanId), pbAttrs(l.attributes)]
                : [hex(l.traceId), hex(l.spanId)],
          ),
        });
      }
    }
  }
  return { spans: out, rejected, errors };
}

function pbAttrs(list: PbKeyValue[] | undefined): Record<string, AttrValue> {
  const out: Record<string, AttrValue> = {};
  if (!list) return out;
  for (const kv of list) out[kv.key] = pbValue(kv.value);
  return out;
}

function pbValue(v: PbAnyValue | null | undefined): AttrValue {
  if (!v) return null;
  if (has(v, 'stringValue')) return v.stringValue ?? '';
  if (has(v, 'boolValue')) return v.boolValue ?? false;
  if (has(v, 'intValue')) return intValue(v.intValue ?? 0);
  if (has(v, 'doubleValue')) return v.doubleValue ?? 0;
  if (has(v, 'arrayValue')) return (v.arrayValue?.values ?? []).map(pbValue);
  if (has(v, 'kvlistValue')) return pbAttrs(v.kvlistValue?.values);
  if (has(v, 'bytesValue')) return hex(v.bytesValue ?? new Uint8Array());
  return null;
}

function has<T extends object>(o: T, k: keyof T): boolean {
  return Object.hasOwn(o, k) && o[k] !== null && o[k] !== undefined;
}

// Integers beyond 2^53 keep their exact digits as a string rather than silently rounding.
function intValue(v: protobuf.Long | number): number | string {
  if (typeof v === 'number') return v;
  const b = toBig(v);
  return b <= BigInt(Number.MAX_SAFE_INTEGER) && b >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(b)
    : b.toString();
}

/** Converts a protobufjs Long (or number) to a bigint, keeping the sign of signed values. */
export function toBig(v: protobuf.Long | number | undefined | null): bigint {
  if (v === undefined || v === null) return 0n;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  const u = (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
  return v.unsigned || v.high >= 0 ? u : u - (1n << 64n);
}

/** Lowercase hex of a byte array. */
export function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}
