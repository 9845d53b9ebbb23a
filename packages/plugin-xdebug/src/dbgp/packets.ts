import { CgcError } from '@cgc/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One frame of a `stack_get` response, level 0 being the innermost. */
export interface DbgpStackEntry {
  readonly where: string;
  readonly level: number;
  readonly type: string;
  /** Local path (a `file://` URI decoded), or the URI as sent for other schemes. */
  readonly file: string;
  readonly line: number;
}

/** The engine's `init` packet. */
export interface DbgpInit {
  readonly kind: 'init';
  readonly fileUri: string;
  readonly file: string;
  readonly ideKey: string;
  readonly appId: string;
  readonly language: string;
  readonly protocolVersion: string;
  readonly engine: string;
  readonly engineVersion: string;
}

/** A command response; `error` is set when the engine refused the command. */
export interface DbgpResponse {
  readonly kind: 'response';
  readonly command: string;
  readonly transactionId: number;
  readonly status: string | undefined;
  readonly reason: string | undefined;
  readonly error: { readonly code: number; readonly message: string } | undefined;
  readonly stack: readonly DbgpStackEntry[];
  readonly success: boolean | undefined;
  /** Decoded text of a top-level `property` (eval / property_get), when present. */
  readonly value: string | undefined;
  readonly breakpointId: string | undefined;
}

/** An asynchronous notification (`notify`) or redirected output (`stream`). */
export interface DbgpNotice {
  readonly kind: 'notify' | 'stream';
  readonly name: string;
  readonly text: string;
}

/** Any packet an engine sends. */
export type DbgpPacket = DbgpInit | DbgpResponse | DbgpNotice;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  textNodeName: '#text',
  cdataPropName: '#cdata',
  isArray: (name) => name === 'stack' || name === 'property',
});

type XmlNode = Record<string, unknown>;

/** Parses one DBGp packet; malformed or unknown XML is a PARSE_FAILED error. */
export function parsePacket(xml: string): DbgpPacket {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new CgcError('PARSE_FAILED', `malformed DBGp XML: ${valid.err.msg} (line ${valid.err.line})`, {
      details: { head: xml.slice(0, 80) },
    });
  }
  const doc = parser.parse(xml) as XmlNode;
  if (isNode(doc.response)) return toResponse(doc.response);
  if (isNode(doc.init)) return toInit(doc.init);
  if (isNode(doc.notify)) return { kind: 'notify', name: str(doc.notify.name), text: text(doc.notify) };
  if (isNode(doc.stream)) return { kind: 'stream', name: str(doc.stream.type), text: decode(doc.stream) };
  const root = Object.keys(doc).find((k) => k !== '?xml') ?? '(none)';
  throw new CgcError('PARSE_FAILED', `unexpected DBGp packet <${root}>`, { details: { head: xml.slice(0, 80) } });
}

function toInit(n: XmlNode): DbgpInit {
  const fileUri = str(n.fileuri);
  const engine = isNode(n.engine) ? n.engine : {};
  return {
    kind: 'init',
    fileUri,
    file: uriToPath(fileUri),
    ideKey: str(n.idekey),
    appId: str(n.appid),
    language: str(n.language),
    protocolVersion: str(n.protocol_version),
    engine: text(engine),
    engineVersion: str(engine.version),
  };
}

function toResponse(n: XmlNode): DbgpResponse {
  const rawTid = str(n.transaction_id);
  const tid = Number(rawTid);
  if (!rawTid || !Number.isInteger(tid)) {
    throw new CgcError('PARSE_FAILED', `DBGp response without a transaction_id (command ${str(n.command)})`);
  }
  const err = isNode(n.error) ? n.error : undefined;
  const stack = Array.isArray(n.stack) ? (n.stack as XmlNode[]).map(toStackEntry) : [];
  stack.sort((a, b) => a.level - b.level);
  const prop = Array.isArray(n.property) ? (n.property[0] as XmlNode) : undefined;
  return {
    kind: 'response',
    command: str(n.command),
    transactionId: tid,
    status: opt(n.status),
    reason: opt(n.reason),
    error: err
      ? { code: Number(str(err.code)) || 0, message: isNode(err.message) ? text(err.message) : str(err.message) }
      : undefined,
    stack,
    success: n.success === undefined ? undefined : str(n.success) === '1',
    value: prop ? decode(prop) : undefined,
    breakpointId: opt(n.id),
  };
}

function toStackEntry(s: XmlNode): DbgpStackEntry {
  return {
    where: str(s.where),
    level: Number(str(s.level)) || 0,
    type: str(s.type),
    file: uriToPath(str(s.filename)),
    line: Number(str(s.lineno)) || 0,
  };
}

/** Turns `file:///a/b%20c.php` into `/a/b c.php`; other URIs are returned unchanged. */
export function uriToPath(uri: string): string {
  if (!uri.startsWith('file://')) return uri;
  try {
    return decodeURIComponent(uri.slice('file://'.length));
  } catch {
    return uri.slice('file://'.length);
  }
}

function decode(n: XmlNode): string {
  const raw = text(n);
  return str(n.encoding) === 'base64' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
}

function text(n: XmlNode): string {
  const parts: string[] = [];
  if (typeof n['#text'] === 'string') parts.push(n['#text']);
  const c = n['#cdata'];
  if (typeof c === 'string') parts.push(c);
  else if (Array.isArray(c)) parts.push(...c.map(String));
  return parts.join('');
}

function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function opt(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
