import { CgcError } from '@cgc/core';
import { XMLValidator } from 'fast-xml-parser';
import { Parser } from 'htmlparser2';

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

type Attrs = Record<string, string>;

interface Collected {
  root: string;
  rootAttrs: Attrs;
  stack: DbgpStackEntry[];
  error: { code: number; message: string } | undefined;
  property: { encoding: string; text: string } | undefined;
  engine: { version: string; text: string } | undefined;
  text: string;
  implied: boolean;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Parses one DBGp packet with htmlparser2's SAX parser in XML mode (entities
 * and CDATA decoded); anything that is not a well-formed DBGp packet is
 * re-checked by fast-xml-parser's validator for a precise PARSE_FAILED message.
 */
export function parsePacket(xml: string): DbgpPacket {
  const c: Collected = {
    root: '',
    rootAttrs: {},
    stack: [],
    error: undefined,
    property: undefined,
    engine: undefined,
    text: '',
    implied: false,
  };
  const path: string[] = [];
  const parser = new Parser(
    {
      onopentag(raw, attrs) {
        const name = local(raw);
        path.push(name);
        if (path.length === 1) {
          c.root = name;
          c.rootAttrs = attrs;
        } else if (path.length === 2) {
          if (name === 'stack') c.stack.push(toStackEntry(attrs));
          else if (name === 'error') c.error = { code: Number(attrs.code) || 0, message: '' };
          else if (name === 'property' && !c.property)
            c.property = { encoding: attrs.encoding ?? '', text: '' };
          else if (name === 'engine') c.engine = { version: attrs.version ?? '', text: '' };
        }
      },
      ontext(text) {
        const top = path[path.length - 1];
        if (path.length === 1) c.text += text;
        else if (path.length === 2 && top === 'property' && c.property) c.property.text += text;
        else if (path.length === 2 && top === 'engine' && c.engine) c.engine.text += text;
        else if (path.length === 3 && top === 'message' && path[1] === 'error' && c.error)
          c.error.message += text;
      },
      onclosetag(_name, isImplied) {
        if (isImplied) c.implied = true;
        path.pop();
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(xml);
  parser.end();
  const known = c.root === 'response' || c.root === 'init' || c.root === 'notify' || c.root === 'stream';
  if (c.implied || !known) {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
      throw new CgcError('PARSE_FAILED', `malformed DBGp XML: ${valid.err.msg} (line ${valid.err.line})`, {
        details: { head: xml.slice(0, 80) },
      });
    }
    if (!known) {
      throw new CgcError('PARSE_FAILED', `unexpected DBGp packet <${c.root || '(none)'}>`, {
        details: { head: xml.slice(0, 80) },
      });
    }
  }
  const a = c.rootAttrs;
  if (c.root === 'response') return toResponse(c);
  if (c.root === 'init') return toInit(a, c.engine);
  if (c.root === 'notify') return { kind: 'notify', name: a.name ?? '', text: c.text };
  return { kind: 'stream', name: a.type ?? '', text: a.encoding === 'base64' ? fromBase64(c.text) : c.text };
}

function toInit(a: Attrs, engine: Collected['engine']): DbgpInit {
  const fileUri = a.fileuri ?? '';
  return {
    kind: 'init',
    fileUri,
    file: uriToPath(fileUri),
    ideKey: a.idekey ?? '',
    appId: a.appid ?? '',
    language: a.language ?? '',
    protocolVersion: a.protocol_version ?? '',
    engine: engine?.text ?? '',
    engineVersion: engine?.version ?? '',
  };
}

function toResponse(c: Collected): DbgpResponse {
  const a = c.rootAttrs;
  const rawTid = a.transaction_id ?? '';
  const tid = Number(rawTid);
  if (!rawTid || !Number.isInteger(tid)) {
    throw new CgcError('PARSE_FAILED', `DBGp response without a transaction_id (command ${a.command ?? ''})`);
  }
  c.stack.sort((x, y) => x.level - y.level);
  const p = c.property;
  return {
    kind: 'response',
    command: a.command ?? '',
    transactionId: tid,
    status: a.status,
    reason: a.reason,
    error: c.error,
    stack: c.stack,
    success: a.success === undefined ? undefined : a.success === '1',
    value: p ? (p.encoding === 'base64' ? fromBase64(p.text) : p.text) : undefined,
    breakpointId: a.id,
  };
}

function toStackEntry(s: Attrs): DbgpStackEntry {
  return {
    where: s.where ?? '',
    level: Number(s.level) || 0,
    type: s.type ?? '',
    file: uriToPath(s.filename ?? ''),
    line: Number(s.lineno) || 0,
  };
}

function fromBase64(text: string): string {
  return Buffer.from(text.trim(), 'base64').toString('utf8');
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
