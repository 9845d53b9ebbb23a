import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import type { GraphParam, NodeRow } from '@cgc/core';
import type { CopyColumn } from './batch-copy.js';
import { jsonValue } from './row-codec.js';

/**
 * Copies a load file of JSON lines to `out`, adding to the line of each key in `rows` the
 * properties of its row (`columns`, none of which the file holds); returns the keys it placed.
 * Lines start with the key column (see `writeJsonLines`), so a line's key is read without parsing
 * the rest.
 */
export async function foldRows(
  file: string,
  out: string,
  key: string,
  rows: ReadonlyMap<string, NodeRow>,
  columns: readonly CopyColumn[],
  what: string,
): Promise<string[]> {
  const head = `{${JSON.stringify(key)}:`;
  const placed: string[] = [];
  const fd = openSync(out, 'w');
  try {
    let rest = '';
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 22 })) {
      const text = rest + (chunk as string);
      const end = text.lastIndexOf('\n') + 1;
      rest = text.slice(end);
      if (end > 0) writeSync(fd, fold(text.slice(0, end)));
    }
    if (rest) writeSync(fd, fold(rest));
  } finally {
    closeSync(fd);
  }
  return placed;

  function fold(lines: string): string {
    let done = '';
    let at = 0;
    while (at < lines.length) {
      let nl = lines.indexOf('\n', at);
      if (nl < 0) nl = lines.length;
      const line = lines.slice(at, nl);
      const k = line.startsWith(head) ? keyOf(line, head.length) : undefined;
      const row = k === undefined ? undefined : rows.get(k);
      if (row) {
        placed.push(k!);
        done += `${line.slice(0, -1)}${properties(row)}}`;
      } else done += line;
      if (nl < lines.length) done += '\n';
      at = nl + 1;
    }
    return done;
  }

  function properties(row: NodeRow): string {
    let s = '';
    for (const c of columns) {
      const v: GraphParam | undefined = row[c.column];
      if (v !== undefined) s += `,${JSON.stringify(c.column)}:${jsonValue(c.type, v, `${what}.${c.column}`)}`;
    }
    return s;
  }
}

/** The JSON string starting at `from` (the key's value), decoded. */
function keyOf(line: string, from: number): string {
  let i = from + 1;
  while (i < line.length && line[i] !== '"') i += line[i] === '\\' ? 2 : 1;
  return JSON.parse(line.slice(from, i + 1)) as string;
}
