import { isCgcError } from '@cgc/core';
import { describe, expect, it } from 'vitest';
import { decodeJsonRequest } from './otlp-json.js';
import { decodeProtobufRequest, encodeExportResponse, otlpTypes } from './otlp-proto.js';

const TRACE = '5b8efff798038103d269b633813fc60c';
const SPAN = 'eee19b7ec3c1b174';
const PARENT = 'eee19b7ec3c1b173';

function jsonBody(extra: Record<string, unknown> = {}) {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'orders' } },
            { key: 'service.version', value: { stringValue: '1.2.3' } },
            { key: 'deployment.environment.name', value: { stringValue: 'prod' } },
          ],
        },
        scopeSpans: [
          {
            scope: { name: 'my.lib', version: '1' },
            spans: [
              {
                traceId: TRACE,
                spanId: SPAN,
                parentSpanId: PARENT,
                name: 'GET /api/orders',
                kind: 2,
                startTimeUnixNano: '1544712660000000000',
                endTimeUnixNano: '1544712661000000000',
                attributes: [
                  { key: 's', value: { stringValue: 'x' } },
                  { key: 'i', value: { intValue: '9007199254740993' } },
                  { key: 'small', value: { intValue: 42 } },
                  { key: 'd', value: { doubleValue: 1.5 } },
                  { key: 'b', value: { boolValue: true } },
                  {
                    key: 'arr',
                    value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '2' }] } },
                  },
                  {
                    key: 'kv',
                    value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: false } }] } },
                  },
                  { key: 'bytes', value: { bytesValue: Buffer.from([0xca, 0xfe]).toString('base64') } },
                ],
                events: [
                  {
                    timeUnixNano: '1544712660500000000',
                    name: 'exception',
                    attributes: [{ key: 'exception.type', value: { stringValue: 'E' } }],
                  },
                ],
                links: [{ traceId: TRACE, spanId: PARENT }],
                status: { code: 2, message: 'boom' },
                someFutureField: { nested: true },
                ...extra,
              },
            ],
          },
        ],
      },
    ],
  };
}

describe('OTLP/JSON decoding', () => {
  it('keeps every attribute type, status, events, links and resource facts', () => {
    const { spans, rejected } = decodeJsonRequest(JSON.stringify(jsonBody()));
    expect(rejected).toBe(0);
    const s = spans[0]!;
    expect(s).toMatchObject({
      traceId: TRACE,
      spanId: SPAN,
      parentSpanId: PARENT,
      kind: 'SERVER',
      statusCode: 'ERROR',
      statusMessage: 'boom',
      scope: 'my.lib@1',
      service: { name: 'orders', version: '1.2.3', environment: 'prod' },
    });
    expect(s.startNs).toBe(1544712660000000000n);
    expect(s.attributes).toEqual({
      s: 'x',
      i: '9007199254740993',
      small: 42,
      d: 1.5,
      b: true,
      arr: ['a', 2],
      kv: { k: false },
      bytes: 'cafe',
    });
    expect(s.events).toEqual([[500_000, 'exception', { 'exception.type': 'E' }]]);
    expect(s.links).toEqual([[TRACE, PARENT]]);
  });

  it('accepts enum names and snake_case keys', () => {
    const body = jsonBody({ kind: 'SPAN_KIND_CLIENT' });
    const { spans } = decodeJsonRequest(JSON.stringify(body).replace('"spanId"', '"span_id"'));
    expect(spans[0]).toMatchObject({ kind: 'CLIENT', spanId: SPAN });
  });

  it('rejects spans with ids of the wrong length, keeping the others (partial success)', () => {
    const body = jsonBody();
    const good = body.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    body.resourceSpans[0]!.scopeSpans[0]!.spans.push(
      { ...good, spanId: 'abc' },
      { ...good, traceId: '00'.repeat(16) },
    );
    const r = decodeJsonRequest(JSON.stringify(body));
    expect(r.spans).toHaveLength(1);
    expect(r.rejected).toBe(2);
    expect(r.errors.join(' ')).toMatch(/invalid span id "abc"/);
  });

  it('refuses bodies that are not OTLP JSON with INVALID_INPUT', () => {
    for (const bad of ['{', '[]', '{"resourceSpans": 3}']) {
      try {
        decodeJsonRequest(bad);
        expect.unreachable();
      } catch (err) {
        expect(isCgcError(err, 'INVALID_INPUT')).toBe(true);
      }
    }
  });
});

describe('OTLP protobuf decoding', () => {
  const { request } = otlpTypes();
  const encoded = () =>
    request
      .encode(
        request.fromObject({
          resourceSpans: [
            {
              resource: { attributes: [{ key: 'service.name', value: { stringValue: 'billing' } }] },
              scopeSpans: [
                {
                  spans: [
                    {
                      traceId: Buffer.from(TRACE, 'hex'),
                      spanId: Buffer.from(SPAN, 'hex'),
                      name: 'charge',
                      kind: 3,
                      startTimeUnixNano: '1700000000000000000',
                      endTimeUnixNano: '1700000000250000000',
                      attributes: [
                        { key: 'big', value: { intValue: '-9007199254740993' } },
                        { key: 'raw', value: { bytesValue: Buffer.from([1, 2]) } },
                        {
                          key: 'list',
                          value: { arrayValue: { values: [{ doubleValue: 0.5 }, { boolValue: true }] } },
                        },
                      ],
                      status: { code: 1 },
                    },
                  ],
                },
              ],
            },
          ],
        }),
      )
      .finish();

  it('decodes spans with exact 64-bit values', () => {
    const { spans } = decodeProtobufRequest(encoded());
    expect(spans[0]).toMatchObject({
      traceId: TRACE,
      spanId: SPAN,
      kind: 'CLIENT',
      statusCode: 'OK',
      service: { name: 'billing' },
    });
    expect(spans[0]!.parentSpanId).toBeUndefined();
    expect(spans[0]!.endNs - spans[0]!.startNs).toBe(250_000_000n);
    expect(spans[0]!.attributes).toEqual({ big: '-9007199254740993', raw: '0102', list: [0.5, true] });
  });

  it('skips unknown fields', () => {
    const extra = Buffer.from([(99 << 3) | 2, 3, 1, 2, 3]); // field 99, length-delimited
    const { spans } = decodeProtobufRequest(Buffer.concat([encoded(), extra]));
    expect(spans).toHaveLength(1);
  });

  it('refuses truncated and garbage input with INVALID_INPUT', () => {
    const full = encoded();
    for (const bad of [
      full.subarray(0, full.length - 7),
      Buffer.from('this is not protobuf at all, really'),
    ]) {
      try {
        const r = decodeProtobufRequest(bad);
        // garbage may parse as some message; then nothing valid must come out of it
        expect(r.spans).toHaveLength(0);
      } catch (err) {
        expect(isCgcError(err, 'INVALID_INPUT')).toBe(true);
      }
    }
  });

  it('encodes partial success in the response', () => {
    const { response } = otlpTypes();
    const decoded = response.toObject(response.decode(encodeExportResponse(2, 'bad ids')), { longs: Number });
    expect(decoded).toEqual({ partialSuccess: { rejectedSpans: 2, errorMessage: 'bad ids' } });
    expect(encodeExportResponse(0, '')).toHaveLength(0);
  });
});
