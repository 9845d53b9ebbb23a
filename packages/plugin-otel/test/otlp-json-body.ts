/** A span for {@link otlpJson}. */
export interface TestSpan {
  id: string;
  parent?: string;
  name?: string;
  kind?: number;
  attrs?: Record<string, string | number | boolean>;
  startMs?: number;
  durationMs?: number;
}

const hexId = (s: string, len: number) => Buffer.from(s).toString('hex').padEnd(len, '0').slice(0, len);

/** A 16-hex-digit span id made from a short label. */
export const sid = (label: string) => hexId(label, 16);
/** A 32-hex-digit trace id made from a short label. */
export const tid = (label: string) => hexId(label, 32);

/** An OTLP/JSON export request for one service and trace. */
export function otlpJson(service: string, trace: string, spans: TestSpan[]): string {
  const base = Date.now() - 60_000;
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: spans.map((s) => {
              const start = BigInt(s.startMs ?? base) * 1_000_000n;
              return {
                traceId: tid(trace),
                spanId: sid(s.id),
                ...(s.parent ? { parentSpanId: sid(s.parent) } : {}),
                name: s.name ?? s.id,
                kind: s.kind ?? 1,
                startTimeUnixNano: String(start),
                endTimeUnixNano: String(start + BigInt(Math.round((s.durationMs ?? 5) * 1e6))),
                attributes: Object.entries(s.attrs ?? {}).map(([key, v]) => ({
                  key,
                  value:
                    typeof v === 'string'
                      ? { stringValue: v }
                      : typeof v === 'boolean'
                        ? { boolValue: v }
                        : Number.isInteger(v)
                          ? { intValue: String(v) }
                          : { doubleValue: v },
                })),
              };
            }),
          },
        ],
      },
    ],
  });
}

/** POSTs an OTLP/JSON body to a receiver. */
export function postJson(port: number, body: string, headers: Record<string, string> = {}) {
  return fetch(`http://127.0.0.1:${port}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}
