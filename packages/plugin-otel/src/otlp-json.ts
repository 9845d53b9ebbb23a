import { CgcError } from '@cgc/core';
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

type Obj = Record<string, unknown>;

/**
 * Decodes an OTLP/JSON `ExportTraceServiceRequest`: lowerCamelCase keys (original proto
 * names accepted too), trace and span ids in hex, enums as integers (names accepted),
 * 64-bit integers as strings or numbers, unknown fields ignored.
 */
export function decodeJsonRequest(text: string): DecodedBatch {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new CgcError('INVALID_INPUT', `malformed OTLP JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!isObj(body)) throw new CgcError('INVALID_INPUT', 'OTLP JSON body must be an object');
  const spans: SpanRecord[] = [];
  const errors: string[] = [];
  let rejected = 0;
  const reject = (why: string) => {
    rejected++;
    if (errors.length < 5) errors.push(why);
  };
  for (const rs of list(get(body, 'resourceSpans', 'resource_spans'), 'resourceSpans')) {
    const resource = get(rs, 'resource');
    const service = serviceFromResource(attrs(isObj(resource) ? get(resource, 'attributes') : undefined));
    for (const ss of list(get(rs, 'scopeSpans', 'scope_spans'), 'scopeSpans')) {
      const sc = get(ss, 'scope');
      const scopeName = isObj(sc) ? str(get(sc, 'name')) : '';
      const scopeVersion = isObj(sc) ? str(get(sc, 'version')) : '';
      const scope = scopeName ? `${scopeName}${scopeVersion ? `@${scopeVersion}` : ''}` : undefined;
      for (const s of list(get(ss, 'spans'), 'spans')) {
        const traceId = str(get(s, 'traceId', 'trace_id')).toLowerCase();
        const spanId = str(get(s, 'spanId', 'span_id')).toLowerCase();
        const p = str(get(s, 'parentSpanId', 'parent_span_id')).toLowerCase();
        const parent = p === '' ? undefined : p;
        const problem = spanProblem(traceId, spanId, parent);
        if (problem) {
          reject(problem);
          continue;
        }
        let startNs: bigint;
        let endNs: bigint;
        try {
          startNs = int64(get(s, 'startTimeUnixNano', 'start_time_unix_nano'));
          endNs = int64(get(s, 'endTimeUnixNano', 'end_time_unix_nano'));
        } catch {
          reject(`span ${spanId}: invalid timestamp`);
          continue;
        }
        const status = get(s, 'status');
        const statusMessage = isObj(status) ? str(get(status, 'message')) : '';
        spans.push({
          spanId,
          traceId,
          ...(parent ? { parentSpanId: parent } : {}),
          name: str(get(s, 'name')),
          kind: enumValue(get(s, 'kind'), SPAN_KINDS, 'SPAN_KIND_'),
          service,
          ...(scope ? { scope } : {}),
          startNs,
          endNs: endNs < startNs ? startNs : endNs,
          statusCode: isObj(status) ? enumValue(get(status, 'code'), STATUS_CODES, 'STATUS_CODE_') : 'UNSET',
          ...(statusMessage ? { statusMessage } : {}),
          attributes: attrs(get(s, 'attributes')),
          events: list(get(s, 'events'), 'events').map((e): CompactEvent => {
            let at = 0;
            try {
              at = Number((int64(get(e, 'timeUnixNano', 'time_unix_nano')) - startNs) / 1000n);
            } catch {
              // an event with a bad time keeps its name; its offset is unknown
            }
            const a = attrs(get(e, 'attributes'));
            return Object.keys(a).length > 0 ? [at, str(get(e, 'name')), a] : [at, str(get(e, 'name'))];
          }),
          links: list(get(s, 'links'), 'links').map((l): CompactLink => {
            const a = attrs(get(l, 'attributes'));
            const ids: [string, string] = [
              str(get(l, 'traceId', 'trace_id')),
              str(get(l, 'spanId', 'span_id')),
            ];
            return Object.keys(a).length > 0 ? [...ids, a] : ids;
          }),
        });
      }
    }
  }
  return { spans, rejected, errors };
}

/** Encodes an export response as OTLP/JSON. */
export function jsonExportResponse(rejected: number, message: string): Obj {
  return rejected > 0 || message
    ? { partialSuccess: { rejectedSpans: String(rejected), errorMessage: message } }
    : {};
}

function get(o: unknown, camel: string, snake?: string): unknown {
  if (!isObj(o)) return undefined;
  const v = o[camel];
  return v === undefined && snake ? o[snake] : v;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown, what: string): Obj[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new CgcError('INVALID_INPUT', `OTLP JSON: ${what} must be an array`);
  return v.filter(isObj);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function int64(v: unknown): bigint {
  if (v === undefined || v === null || v === '') return 0n;
  if (typeof v === 'number' && Number.isFinite(v)) return BigInt(Math.trunc(v));
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
  throw new CgcError('INVALID_INPUT', `not an int64: ${String(v).slice(0, 30)}`);
}

function enumValue<T extends readonly string[]>(v: unknown, names: T, prefix: string): T[number] {
  if (typeof v === 'number') return names[v] ?? names[0]!;
  if (typeof v === 'string') {
    const n = v.startsWith(prefix) ? v.slice(prefix.length) : v;
    if ((names as readonly string[]).includes(n)) return n as T[number];
    if (/^\d+$/.test(v)) return names[Number(v)] ?? names[0]!;
  }
  return names[0]!;
}

function attrs(v: unknown): Record<string, AttrValue> {
  const out: Record<string, AttrValue> = {};
  if (!Array.isArray(v)) return out;
  for (const kv of v) {
    if (isObj(kv) && typeof kv.key === 'string') out[kv.key] = anyValue(kv.value);
  }
  return out;
}

function anyValue(v: unknown): AttrValue {
  if (!isObj(v)) return null;
  if ('stringValue' in v || 'string_value' in v) return str(get(v, 'stringValue', 'string_value'));
  if ('boolValue' in v || 'bool_value' in v) return get(v, 'boolValue', 'bool_value') === true;
  if ('intValue' in v || 'int_value' in v) {
    const raw = get(v, 'intValue', 'int_value');
    try {
      const b = int64(raw);
      return b <= BigInt(Number.MAX_SAFE_INTEGER) && b >= BigInt(Number.MIN_SAFE_INTEGER)
        ? Number(b)
        : b.toString();
    } catch {
      return null;
    }
  }
  if ('doubleValue' in v || 'double_value' in v) {
    const d = get(v, 'doubleValue', 'double_value');
    return typeof d === 'number' ? d : typeof d === 'string' ? Number(d) : null;
  }
  if ('arrayValue' in v || 'array_value' in v) {
    const a = get(v, 'arrayValue', 'array_value');
    const values = isObj(a) ? a.values : undefined;
    return Array.isArray(values) ? values.map(anyValue) : [];
  }
  if ('kvlistValue' in v || 'kvlist_value' in v) {
    const a = get(v, 'kvlistValue', 'kvlist_value');
    return attrs(isObj(a) ? a.values : undefined);
  }
  if ('bytesValue' in v || 'bytes_value' in v) {
    // Protobuf JSON carries bytes as base64; cgc keeps them as hex like the ids.
    return Buffer.from(str(get(v, 'bytesValue', 'bytes_value')), 'base64').toString('hex');
  }
  return null;
}
