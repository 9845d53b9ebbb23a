/** Options that apply to every command; read before plugins load because they shape loading. */
export interface GlobalFlags {
  debug: boolean;
  json: boolean;
  config?: string;
  database?: string;
}

// The global options that take a value (the next argument).
const VALUED = new Set(['--config', '-c', '--database']);

/** The command word of argv: the first argument that is not an option or a global option's value. */
export function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return undefined;
    if (VALUED.has(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/**
 * Reads the global flags from argv ahead of commander, which cannot parse until the
 * plugin commands are known. Commander declares the same flags and validates them.
 */
export function scanGlobals(argv: readonly string[]): GlobalFlags {
  const out: GlobalFlags = { debug: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--debug') out.debug = true;
    else if (a === '--json') out.json = true;
    else if (a === '--config' || a === '-c') out.config = argv[++i];
    else if (a.startsWith('--config=')) out.config = a.slice('--config='.length);
    else if (a === '--database') out.database = argv[++i];
    else if (a.startsWith('--database=')) out.database = a.slice('--database='.length);
  }
  return out;
}

/** Config flags (highest precedence) from the global options. */
export function configFlags(g: GlobalFlags): Record<string, unknown> {
  return {
    ...(g.debug ? { logLevel: 'debug' } : {}),
    ...(g.database === undefined ? {} : { database: { backend: g.database } }),
  };
}
