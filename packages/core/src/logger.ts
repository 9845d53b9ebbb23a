/** Log levels, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** The logger handed to plugins; writes to stderr so stdout stays clean for output and stdio MCP. */
export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** A logger writing one line per message to a sink (stderr by default). */
export function createLogger(
  level: LogLevel = 'info',
  sink: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  scope = 'cgc',
): Logger {
  const at = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, data?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    sink(`[${scope}] ${lvl}: ${msg}${data ? ` ${JSON.stringify(data)}` : ''}`);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (s) => createLogger(level, sink, `${scope}:${s}`),
  };
}
