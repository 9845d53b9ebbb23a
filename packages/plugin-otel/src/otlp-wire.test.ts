import { isCgcError } from '@cgc/core';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { otlpTypes } from './otlp-proto.js';
import { decodeTraceRequest } from './otlp-wire.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SPAN = 'b7ad6b7169203331';
const PARENT = '00f067aa0ba902b7';

const root = () => otlpTypes().request.root;
const type = (name: string) => root().lookupType(`opentelemetry.proto.${name}`);
const bytes = (hex: string) => Buffer.from(hex, 'hex');

const span = {
  traceId: bytes(TRACE),
  spanId: bytes(SPAN),
  parentSpanId: bytes(PARENT),
  traceState: 'k=v',
  name: 'POST /orders',
  kind: 2,
  startTimeUnixNano: '1700000000123456789',
  endTimeUnixNano: '1700000000223456789',
  attributes: [
    { key: 'neg', value: { intValue: '-5' } },
    { key: 'huge', value: { intValue: '9223372036854775807' } },
    { key: 'min', value: { intValue: '-9223372036854775808' } },
    { key: 'u32', value: { intValue: '4294967295' } },
    { key: 'd', value: { doubleValue: -0.25 } },
    { key: 'f', value: { boolValue: false } },
    { key: 'empty', value: {} },
    { key: 'é', value: { stringValue: 'ünïcødé ✓' } },
    {
      key: 'nested',
      value: {
        kvlistValue: {
          values: [
            { key: 'a', value: { arrayValue: { values: [{ intValue: 1 }, { bytesValue: bytes('ff00') }] } } },
          ],
        },
      },
    },
  ],
  droppedAttributesCount: 3,
  events: [
    { timeUnixNano: '1700000000124456789', name: 'e1' },
    {
      timeUnixNano: '1700000000125456789',
      name: 'e2',
      attributes: [{ key: 'x', value: { stringValue: 'y' } }],
    },
  ],
  links: [
    { traceId: bytes(TRACE), spanId: bytes(PARENT), attributes: [{ key: 'l', value: { boolValue: true } }] },
  ],
  status: { code: 2, message: 'failed' },
  flags: 257,
};

const resource = {
  attributes: [
    { key: 'service.name', value: { stringValue: 'orders' } },
    { key: 'service.version', value: { stringValue: '2.0' } },
  ],
};

function encode(message: string, value: object): Uint8Array {
  const t = type(message);
  return t.encode(t.fromObject(value)).finish();
}

describe('OTLP wire decoding', () => {
  it('reads every field a span carries, with exact 64-bit values', () => {
    const body = encode('collector.trace.v1.ExportTraceServiceRequest', {
      resourceSpans: [{ resource, scopeSpans: [{ scope: { name: 'lib', version: '1.0' }, spans: [span] }] }],
    });
    const { spans, rejected } = decodeTraceRequest(body);
    expect(rejected).toBe(0);
    expect(spans).toHaveLength(1);
    const s = spans[0]!;
    expect(s).toMatchObject({
      traceId: TRACE,
      spanId: SPAN,
      parentSpanId: PARENT,
      name: 'POST /orders',
      kind: 'SERVER',
      scope: 'lib@1.0',
      statusCode: 'ERROR',
      statusMessage: 'failed',
      service: { name: 'orders', version: '2.0' },
    });
    expect(s.startNs).toBe(1700000000123456789n);
    expect(s.endNs - s.startNs).toBe(100_000_000n);
    expect(s.attributes).toEqual({
      neg: -5,
      huge: '9223372036854775807',
      min: '-9223372036854775808',
      u32: 4294967295,
      d: -0.25,
      f: false,
      empty: null,
      é: 'ünïcødé ✓',
      nested: { a: [1, 'ff00'] },
    });
    expect(s.events).toEqual([
      [1000, 'e1'],
      [2000, 'e2', { x: 'y' }],
    ]);
    expect(s.links).toEqual([[TRACE, PARENT, { l: true }]]);
  });

  it('takes the resource even when it follows its spans on the wire', () => {
    const scopes = encode('trace.v1.ResourceSpans', { scopeSpans: [{ spans: [span] }] });
    const res = encode('trace.v1.ResourceSpans', { resource });
    // Concatenated messages merge: the resource field now comes after the spans.
    const rs = Buffer.concat([scopes, res]);
    const body = protobuf.Writer.create()
      .uint32((1 << 3) | 2)
      .bytes(rs)
      .finish();
    const { spans } = decodeTraceRequest(body);
    expect(spans[0]?.service.name).toBe('orders');
  });

  it('refuses every truncation of a request with INVALID_INPUT or decodes fewer spans, never anything else', () => {
    const body = Buffer.from(
      encode('collector.trace.v1.ExportTraceServiceRequest', {
        resourceSpans: [
          { resource, scopeSpans: [{ spans: [span, { ...span, spanId: bytes('1111111111111111') }] }] },
        ],
      }),
    );
    for (let n = 0; n < body.length; n++) {
      try {
        expect(decodeTraceRequest(body.subarray(0, n)).spans.length).toBeLessThan(2);
      } catch (err) {
        expect(isCgcError(err, 'INVALID_INPUT')).toBe(true);
      }
    }
  });

  it('refuses attribute values nested without end instead of overflowing the stack', () => {
    let value: object = { stringValue: 'leaf' };
    for (let i = 0; i < 40; i++) value = { arrayValue: { values: [value] } };
    const body = encode('collector.trace.v1.ExportTraceServiceRequest', {
      resourceSpans: [{ scopeSpans: [{ spans: [{ ...span, attributes: [{ key: 'deep', value }] }] }] }],
    });
    expect(() => decodeTraceRequest(body)).toThrow(/nested deeper/);
  });

  it('rejects spans whose ids have the wrong length and keeps the others', () => {
    const body = encode('collector.trace.v1.ExportTraceServiceRequest', {
      resourceSpans: [{ scopeSpans: [{ spans: [span, { ...span, spanId: bytes('abcd') }] }] }],
    });
    const r = decodeTraceRequest(body);
    expect(r.spans).toHaveLength(1);
    expect(r.rejected).toBe(1);
    expect(r.errors[0]).toMatch(/invalid span id "abcd"/);
  });
});
