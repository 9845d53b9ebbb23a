import type { GraphParams } from '../adapter.js';
import { CgcError } from '../errors.js';
import type { CommandIO, CommandOption } from '../plugin.js';

/** `--json`, `--repo`, `--limit`: on every query command. */
export const COMMON_OPTIONS: readonly CommandOption[] = [
  { flags: '--json', description: 'print the answer as JSON' },
  { flags: '-r, --repo <repo>', description: 'only this repository (id, path or name)' },
  { flags: '-l, --limit <n>', description: 'maximum number of results' },
];

/** A positive integer option, or undefined when absent; INVALID_INPUT otherwise. */
export function intOption(value: unknown, flag: string): number | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  const s = String(value).trim();
  if (!/^\d+$/.test(s) || Number(s) < 1 || !Number.isSafeInteger(Number(s))) {
    throw new CgcError('INVALID_INPUT', `${flag} must be a positive integer (got "${s}")`);
  }
  return Number(s);
}

/** A string option, or undefined. */
export function strOption(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A comma-separated list option (repeated flags are joined too). */
export function listOption(value: unknown): string[] {
  const parts = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return parts
    .flatMap((p) => String(p).split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `--params '{"name":"main"}'` as query parameters. */
export function paramsOption(raw: unknown): GraphParams {
  if (raw === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(String(raw));
  } catch (err) {
    throw new CgcError('INVALID_INPUT', `--params is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CgcError('INVALID_INPUT', '--params must be a JSON object, e.g. {"name":"main"}');
  }
  return value as GraphParams;
}

/** The scope options every query takes from the command line. */
export function scopeOf(options: Readonly<Record<string, unknown>>): { repo?: string; limit?: number } {
  const repo = strOption(options.repo);
  const limit = intOption(options.limit, '--limit');
  return { ...(repo === undefined ? {} : { repo }), ...(limit === undefined ? {} : { limit }) };
}

/** Prints a command's answer: JSON with `--json`, else the text rendering. Returns exit code 0. */
export function printResult(
  io: CommandIO,
  options: Readonly<Record<string, unknown>>,
  value: unknown,
  text: () => string,
): number {
  if (options.json === true) io.json(value);
  else io.print(text());
  return 0;
}
