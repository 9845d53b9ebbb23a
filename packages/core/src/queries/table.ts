/** A column of {@link formatTable}: header and how to read the cell from a row. */
export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => unknown;
  /** Right-align (numbers). */
  readonly right?: boolean;
}

const MAX_CELL = 100;

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  const node = v as { kind?: string; label?: string; type?: string; properties?: Record<string, unknown> };
  if (node.kind === 'node') return `(:${node.label} ${String(node.properties?.id ?? '')})`;
  if (node.kind === 'relationship') return `[:${node.type}]`;
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
}

/** A plain-text table with a header and a rule, columns padded to their widest cell, long cells clipped. */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) =>
    columns.map((c) => {
      const s = text(c.value(r)).replace(/\s*\n\s*/g, ' ');
      return s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s;
    }),
  );
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (parts: readonly string[]) =>
    parts
      .map((p, i) => (columns[i]!.right ? p.padStart(widths[i]!) : p.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((c) => c.header)),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
  ].join('\n');
}

/** `path:line`, the location format editors and terminals open. */
export function location(ref: { path: string | null; line: number | null }): string {
  if (!ref.path) return '';
  return ref.line === null ? ref.path : `${ref.path}:${ref.line}`;
}
