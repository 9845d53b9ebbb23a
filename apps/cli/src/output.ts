import type { CommandIO } from '@cgc/core';

/** JSON.stringify replacer: bigints become numbers when exact, else decimal strings. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  return value;
}

/** The CommandIO handed to commands: stdout for results, nothing else. */
export function createIO(
  signal: AbortSignal,
  write: (s: string) => void = (s) => process.stdout.write(s),
): CommandIO {
  return {
    print: (text) => write(`${text}\n`),
    json: (value) => write(`${JSON.stringify(value, jsonReplacer, 2)}\n`),
    isTTY: process.stdout.isTTY === true,
    signal,
  };
}

/** Renders one cell: scalars as text, nodes as `(:Label {id})`, the rest as compact JSON. */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  const v = value as { kind?: string; label?: string; type?: string; properties?: Record<string, unknown> };
  if (v.kind === 'node') return `(:${v.label} ${String(v.properties?.id ?? '')})`;
  if (v.kind === 'relationship') return `[:${v.type}]`;
  return JSON.stringify(value, jsonReplacer);
}

/** A plain text table with a header row, columns padded to their widest cell. */
export function table(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const clip = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}...` : s).replace(/\n/g, ' ');
  const body = rows.map((r) => r.map(clip));
  const widths = columns.map((c, i) => Math.max(c.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
