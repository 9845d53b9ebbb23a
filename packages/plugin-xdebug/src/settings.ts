import { CgcError } from '@cgc/core';
import { type PathMapping, parsePathMappings } from './graph/path-mapping.js';

/** Resolved settings of the Xdebug plugin. */
export interface XdebugSettings {
  /** The listener starts only when true (`CGC_PLUGIN_XDEBUG_ENABLED=true`). */
  readonly enabled: boolean;
  readonly host: string;
  readonly port: number;
  /** Client addresses allowed to connect (empty: loopback only). */
  readonly allow: readonly string[];
  readonly maxSessions: number;
  readonly maxSessionMs: number;
  readonly maxSessionBytes: number;
  readonly maxPacketBytes: number;
  readonly responseTimeoutMs: number;
  readonly initTimeoutMs: number;
  readonly maxDepth: number;
  readonly cacheSize: number;
  readonly flushIntervalMs: number;
  readonly pathMappings: readonly PathMapping[];
  /** A directory of trace files to import as they appear. */
  readonly traceDir: string | undefined;
  readonly includeInternal: boolean;
  /**
   * Live capture strategy: `step` steps into every statement; `breakpoints` sets a call
   * breakpoint on each indexed PHP function (exact counts, fewer round trips); `auto`
   * uses breakpoints when the graph knows 1..maxBreakpoints PHP functions, else steps.
   */
  readonly strategy: 'auto' | 'step' | 'breakpoints';
  readonly maxBreakpoints: number;
}

/** Defaults: Xdebug's port on loopback, generous but finite limits. */
export const DEFAULT_SETTINGS: XdebugSettings = {
  enabled: false,
  host: '127.0.0.1',
  port: 9003,
  allow: [],
  maxSessions: 32,
  maxSessionMs: 120_000,
  maxSessionBytes: 512 * 1024 * 1024,
  maxPacketBytes: 16 * 1024 * 1024,
  responseTimeoutMs: 30_000,
  initTimeoutMs: 10_000,
  maxDepth: 256,
  cacheSize: 10_000,
  flushIntervalMs: 1_000,
  pathMappings: [],
  traceDir: undefined,
  includeInternal: false,
  strategy: 'step',
  maxBreakpoints: 2_000,
};

/**
 * Reads settings from config `plugins.settings.xdebug` and `CGC_PLUGIN_XDEBUG_*`
 * variables (strings), e.g. `CGC_PLUGIN_XDEBUG_PORT=9010`,
 * `CGC_PLUGIN_XDEBUG_PATH_MAPPINGS=/var/www=/home/me/app`. Bad values are CONFIG_INVALID.
 */
export function resolveSettings(...sources: readonly Readonly<Record<string, unknown>>[]): XdebugSettings {
  const s: Record<string, unknown> = Object.assign({}, ...sources);
  const d = DEFAULT_SETTINGS;
  return {
    enabled: bool(s.enabled, d.enabled, 'enabled'),
    host: str(s.host ?? s.listenHost, d.host),
    port: int(s.port ?? s.listenPort, d.port, 'port', 0, 65_535),
    allow: list(s.allow),
    maxSessions: int(s.maxSessions, d.maxSessions, 'maxSessions', 1, 10_000),
    maxSessionMs: int(s.maxSessionMs, d.maxSessionMs, 'maxSessionMs', 1, 86_400_000),
    maxSessionBytes: int(s.maxSessionBytes, d.maxSessionBytes, 'maxSessionBytes', 1024, 2 ** 40),
    maxPacketBytes: int(s.maxPacketBytes, d.maxPacketBytes, 'maxPacketBytes', 1024, 2 ** 31),
    responseTimeoutMs: int(s.responseTimeoutMs, d.responseTimeoutMs, 'responseTimeoutMs', 1, 3_600_000),
    initTimeoutMs: int(s.initTimeoutMs, d.initTimeoutMs, 'initTimeoutMs', 1, 3_600_000),
    maxDepth: int(s.maxDepth, d.maxDepth, 'maxDepth', 1, 100_000),
    cacheSize: int(s.cacheSize ?? s.dedupCacheSize, d.cacheSize, 'cacheSize', 1, 10_000_000),
    flushIntervalMs: int(s.flushIntervalMs, d.flushIntervalMs, 'flushIntervalMs', 10, 3_600_000),
    pathMappings: parsePathMappings(s.pathMappings),
    traceDir: typeof s.traceDir === 'string' && s.traceDir ? s.traceDir : undefined,
    includeInternal: bool(s.includeInternal, d.includeInternal, 'includeInternal'),
    strategy: strategy(s.strategy, d.strategy),
    maxBreakpoints: int(s.maxBreakpoints, d.maxBreakpoints, 'maxBreakpoints', 0, 1_000_000),
  };
}

function strategy(v: unknown, dflt: XdebugSettings['strategy']): XdebugSettings['strategy'] {
  if (v === undefined || v === '') return dflt;
  if (v === 'auto' || v === 'step' || v === 'breakpoints') return v;
  throw new CgcError(
    'CONFIG_INVALID',
    `xdebug setting strategy: "${String(v)}" is not auto, step or breakpoints`,
  );
}

function bool(v: unknown, dflt: boolean, name: string): boolean {
  if (v === undefined || v === '') return dflt;
  if (typeof v === 'boolean') return v;
  const t = String(v).trim().toLowerCase();
  if (t === 'true' || t === '1' || t === 'yes') return true;
  if (t === 'false' || t === '0' || t === 'no') return false;
  throw new CgcError('CONFIG_INVALID', `xdebug setting ${name}: "${String(v)}" is not true or false`);
}

function int(v: unknown, dflt: number, name: string, min: number, max: number): number {
  if (v === undefined || v === '') return dflt;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CgcError(
      'CONFIG_INVALID',
      `xdebug setting ${name}: "${String(v)}" is not an integer in ${min}..${max}`,
    );
  }
  return n;
}

function str(v: unknown, dflt: string): string {
  return typeof v === 'string' && v.trim() ? v.trim() : dflt;
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String).filter(Boolean);
  if (typeof v === 'string') {
    return v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  }
  return [];
}
