/** An attribute value after decoding: every OTLP AnyValue type is kept (bytes as hex). */
export type AttrValue = string | number | boolean | null | AttrValue[] | { [k: string]: AttrValue };

/** Span kinds by their OTLP enum number. */
export const SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;
/** Status codes by their OTLP enum number. */
export const STATUS_CODES = ['UNSET', 'OK', 'ERROR'] as const;

/** The resource a span came from, reduced to what the Service node carries. */
export interface ServiceInfo {
  readonly name: string;
  readonly version?: string;
  readonly environment?: string;
  readonly namespace?: string;
  readonly language?: string;
}

/** One decoded span, independent of the wire format it came in. */
export interface SpanRecord {
  readonly spanId: string;
  readonly traceId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: (typeof SPAN_KINDS)[number];
  readonly service: ServiceInfo;
  readonly scope?: string;
  /** Nanoseconds since the epoch. */
  readonly startNs: bigint;
  readonly endNs: bigint;
  readonly statusCode: (typeof STATUS_CODES)[number];
  readonly statusMessage?: string;
  readonly attributes: Record<string, AttrValue>;
  readonly events: readonly CompactEvent[];
  readonly links: readonly CompactLink[];
}

/** An event in compact form: [offset from span start in µs, name, attributes?]. */
export type CompactEvent = [number, string] | [number, string, Record<string, AttrValue>];
/** A link in compact form: [trace id, span id, attributes?]. */
export type CompactLink = [string, string] | [string, string, Record<string, AttrValue>];

/** What decoding one export request produced: valid spans and why others were rejected. */
export interface DecodedBatch {
  readonly spans: SpanRecord[];
  readonly rejected: number;
  readonly errors: string[];
}

const HEX = /^[0-9a-f]*$/;

/** Checks ids and times of a span being built; returns a reason to reject it, or undefined. */
export function spanProblem(
  traceId: string,
  spanId: string,
  parentSpanId: string | undefined,
): string | undefined {
  if (traceId.length !== 32 || !HEX.test(traceId) || /^0+$/.test(traceId))
    return `invalid trace id "${short(traceId)}"`;
  if (spanId.length !== 16 || !HEX.test(spanId) || /^0+$/.test(spanId))
    return `invalid span id "${short(spanId)}"`;
  if (parentSpanId !== undefined && (parentSpanId.length !== 16 || !HEX.test(parentSpanId))) {
    return `invalid parent span id "${short(parentSpanId)}"`;
  }
  return undefined;
}

function short(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Reads the Service facts from resource attributes (current and older semantic conventions). */
export function serviceFromResource(attrs: Record<string, AttrValue>): ServiceInfo {
  const str = (k: string) =>
    typeof attrs[k] === 'string' && attrs[k] !== '' ? (attrs[k] as string) : undefined;
  const info: { -readonly [K in keyof ServiceInfo]: ServiceInfo[K] } = {
    name: str('service.name') ?? 'unknown_service',
  };
  const version = str('service.version');
  const environment = str('deployment.environment.name') ?? str('deployment.environment');
  const namespace = str('service.namespace');
  const language = str('telemetry.sdk.language');
  if (version) info.version = version;
  if (environment) info.environment = environment;
  if (namespace) info.namespace = namespace;
  if (language) info.language = language;
  return info;
}
