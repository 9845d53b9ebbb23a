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
import { malformed, WIRE_I64, WIRE_LEN, WIRE_VARINT, Wire } from './wire-reader.js';

// Field numbers of opentelemetry/proto/{collector/trace,trace,resource,common}/v1 (see ../proto).

// Arrays and key-value lists inside attribute values: deeper input is refused, not a stack overflow.
const MAX_DEPTH = 32;

/** Decodes a binary `ExportTraceServiceRequest`; throws INVALID_INPUT when it is not one. */
export function decodeTraceRequest(bytes: Uint8Array): DecodedBatch {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const w = new Wire(buf);
  const out: DecodedBatch = { spans: [], rejected: 0, errors: [] };
  while (w.pos < w.length) {
    const tag = w.uint();
    if (tag === ((1 << 3) | WIRE_LEN)) resourceSpans(w, w.end(), out);
    else w.skip(tag & 7);
  }
  return out;
}

function resourceSpans(w: Wire, end: number, out: DecodedBatch): void {
  // The resource may follow its spans on the wire: spans are decoded once it is known.
  const attrs: Record<string, AttrValue> = {};
  const scopes: [start: number, end: number][] = [];
  while (w.pos < end) {
    const tag = w.uint();
    if (tag === ((1 << 3) | WIRE_LEN)) {
      const e = w.end();
      while (w.pos < e) {
        const t = w.uint();
        if (t === ((1 << 3) | WIRE_LEN)) keyValue(w, w.end(), attrs);
        else w.skip(t & 7);
      }
      w.close(e);
    } else if (tag === ((2 << 3) | WIRE_LEN)) {
      const e = w.end();
      scopes.push([w.pos, e]);
      w.pos = e;
    } else w.skip(tag & 7);
  }
  w.close(end);
  const service = serviceFromResource(attrs);
  for (const [start, e] of scopes) {
    w.pos = start;
    scopeSpans(w, e, service, out);
  }
  w.pos = end;
}

function scopeSpans(w: Wire, end: number, service: SpanRecord['service'], out: DecodedBatch): void {
  let scope: string | undefined;
  const spans: [start: number, end: number][] = [];
  while (w.pos < end) {
    const tag = w.uint();
    if (tag === ((1 << 3) | WIRE_LEN)) {
      const e = w.end();
      let name = '';
      let version = '';
      while (w.pos < e) {
        const t = w.uint();
        if (t === ((1 << 3) | WIRE_LEN)) name = w.string();
        else if (t === ((2 << 3) | WIRE_LEN)) version = w.string();
        else w.skip(t & 7);
      }
      w.close(e);
      scope = name ? (version ? `${name}@${version}` : name) : undefined;
    } else if (tag === ((2 << 3) | WIRE_LEN)) {
      const e = w.end();
      spans.push([w.pos, e]);
      w.pos = e;
    } else w.skip(tag & 7);
  }
  w.close(end);
  for (const [start, e] of spans) {
    w.pos = start;
    span(w, e, service, scope, out);
  }
  w.pos = end;
}

type RawEvent = [timeNs: bigint, name: string, attrs: Record<string, AttrValue> | undefined];

function span(
  w: Wire,
  end: number,
  service: SpanRecord['service'],
  scope: string | undefined,
  out: DecodedBatch,
): void {
  let traceId = '';
  let spanId = '';
  let parent = '';
  let name = '';
  let kind = 0;
  let startNs = 0n;
  let endNs = 0n;
  let code = 0;
  let message = '';
  const attributes: Record<string, AttrValue> = {};
  const events: RawEvent[] = [];
  const links: CompactLink[] = [];
  while (w.pos < end) {
    const tag = w.uint();
    switch (tag) {
      case (1 << 3) | WIRE_LEN:
        traceId = w.hex();
        break;
      case (2 << 3) | WIRE_LEN:
        spanId = w.hex();
        break;
      case (4 << 3) | WIRE_LEN:
        parent = w.hex();
        break;
      case (5 << 3) | WIRE_LEN:
        name = w.string();
        break;
      case (6 << 3) | WIRE_VARINT:
        kind = w.uint();
        break;
      case (7 << 3) | WIRE_I64:
        startNs = w.fixed64();
        break;
      case (8 << 3) | WIRE_I64:
        endNs = w.fixed64();
        break;
      case (9 << 3) | WIRE_LEN:
        keyValue(w, w.end(), attributes);
        break;
      case (11 << 3) | WIRE_LEN:
        events.push(event(w, w.end()));
        break;
      case (13 << 3) | WIRE_LEN:
        links.push(link(w, w.end()));
        break;
      case (15 << 3) | WIRE_LEN: {
        const e = w.end();
        while (w.pos < e) {
          const t = w.uint();
          if (t === ((2 << 3) | WIRE_LEN)) message = w.string();
          else if (t === ((3 << 3) | WIRE_VARINT)) code = w.uint();
          else w.skip(t & 7);
        }
        w.close(e);
        break;
      }
      default:
        w.skip(tag & 7);
    }
  }
  w.close(end);
  const parentSpanId = parent.length > 0 ? parent : undefined;
  const problem = spanProblem(traceId, spanId, parentSpanId);
  if (problem) {
    (out as { rejected: number }).rejected++;
    if (out.errors.length < 5) out.errors.push(problem);
    return;
  }
  const record: { -readonly [K in keyof SpanRecord]: SpanRecord[K] } = {
    spanId,
    traceId,
    name,
    kind: SPAN_KINDS[kind] ?? 'UNSPECIFIED',
    service,
    startNs,
    endNs: endNs < startNs ? startNs : endNs,
    statusCode: STATUS_CODES[code] ?? 'UNSET',
    attributes,
    events: events.map(([t, n, a]): CompactEvent => {
      const at = Number((t - startNs) / 1000n);
      return a ? [at, n, a] : [at, n];
    }),
    links,
  };
  if (parentSpanId) record.parentSpanId = parentSpanId;
  if (scope) record.scope = scope;
  if (message) record.statusMessage = message;
  out.spans.push(record);
}

function event(w: Wire, end: number): RawEvent {
  let time = 0n;
  let name = '';
  let attrs: Record<string, AttrValue> | undefined;
  while (w.pos < end) {
    const tag = w.uint();
    if (tag === ((1 << 3) | WIRE_I64)) time = w.fixed64();
    else if (tag === ((2 << 3) | WIRE_LEN)) name = w.string();
    else if (tag === ((3 << 3) | WIRE_LEN)) {
      attrs = attrs ?? {};
      keyValue(w, w.end(), attrs);
    } else w.skip(tag & 7);
  }
  w.close(end);
  return [time, name, attrs];
}

function link(w: Wire, end: number): CompactLink {
  let traceId = '';
  let spanId = '';
  let attrs: Record<string, AttrValue> | undefined;
  while (w.pos < end) {
    const tag = w.uint();
    if (tag === ((1 << 3) | WIRE_LEN)) traceId = w.hex();
    else if (tag === ((2 << 3) | WIRE_LEN)) spanId = w.hex();
    else if (tag === ((4 << 3) | WIRE_LEN)) {
      attrs = attrs ?? {};
      keyValue(w, w.end(), attrs);
    } else w.skip(tag & 7);
  }
  w.close(end);
  return attrs ? [traceId, spanId, attrs] : [traceId, spanId];
}

// KeyValue { key = 1; value = 2 }, added to `into`.
function keyValue(w: Wire, end: number, into: Record<string, AttrValue>, depth = 0): void {
  let key = '';
  let value: AttrValue = null;
  while (w.pos < end) {
    const tag = w.uint();
    if (tag === ((1 << 3) | WIRE_LEN)) key = w.string();
    else if (tag === ((2 << 3) | WIRE_LEN)) value = anyValue(w, w.end(), depth);
    else w.skip(tag & 7);
  }
  w.close(end);
  into[key] = value;
}

// AnyValue: one of string (1), bool (2), int64 (3), double (4), array (5), kvlist (6), bytes (7).
function anyValue(w: Wire, end: number, depth: number): AttrValue {
  if (depth > MAX_DEPTH) throw malformed(`attribute values nested deeper than ${MAX_DEPTH}`);
  let v: AttrValue = null;
  while (w.pos < end) {
    const tag = w.uint();
    switch (tag) {
      case (1 << 3) | WIRE_LEN:
        v = w.string();
        break;
      case (2 << 3) | WIRE_VARINT:
        v = w.uint() !== 0;
        break;
      case (3 << 3) | WIRE_VARINT:
        v = w.int64();
        break;
      case (4 << 3) | WIRE_I64:
        v = w.double();
        break;
      case (5 << 3) | WIRE_LEN: {
        const e = w.end();
        const list: AttrValue[] = [];
        while (w.pos < e) {
          const t = w.uint();
          if (t === ((1 << 3) | WIRE_LEN)) list.push(anyValue(w, w.end(), depth + 1));
          else w.skip(t & 7);
        }
        w.close(e);
        v = list;
        break;
      }
      case (6 << 3) | WIRE_LEN: {
        const e = w.end();
        const kv: Record<string, AttrValue> = {};
        while (w.pos < e) {
          const t = w.uint();
          if (t === ((1 << 3) | WIRE_LEN)) keyValue(w, w.end(), kv, depth + 1);
          else w.skip(t & 7);
        }
        w.close(e);
        v = kv;
        break;
      }
      case (7 << 3) | WIRE_LEN:
        v = w.hex();
        break;
      default:
        w.skip(tag & 7);
    }
  }
  w.close(end);
  return v;
}
