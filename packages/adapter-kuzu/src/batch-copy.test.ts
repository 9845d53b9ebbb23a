import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCgcError } from '@cgc/core';
import kuzu from 'kuzu';
import { afterAll, describe, expect, it } from 'vitest';
import { BatchCopier, type CopyColumn } from './batch-copy.js';

const db = new kuzu.Database(join(mkdtempSync(join(tmpdir(), 'cgc-kuzu-copy-')), 'g.kuzu'));
const conn = new kuzu.Connection(db);
const statements: string[] = [];
const exec = async (cypher: string, params: Record<string, unknown> = {}) => {
  statements.push(cypher);
  const res = await conn.execute(await conn.prepare(cypher), params as never);
  return (Array.isArray(res) ? res[0]! : res).getAll() as Promise<Record<string, unknown>[]>;
};
afterAll(async () => {
  await conn.close();
  await db.close();
});

const NASTY = [
  'a,b',
  'q"uote',
  "sing'le",
  'new\nline',
  'back\\slash',
  '',
  ' pad ',
  'ünï 漢字 🚀',
  '[x,y]',
  'null',
];
const columns: CopyColumn[] = [
  { column: 'id', type: 'string' },
  { column: 's', type: 'string' },
  { column: 'n', type: 'int' },
  { column: 'f', type: 'float' },
  { column: 'xs', type: 'string[]' },
  { column: 'ns', type: 'int[]' },
];

describe('BatchCopier', () => {
  it.each([
    ['json', true, /FROM '/],
    ['unwind', false, /FROM \(UNWIND/],
  ])('loads awkward values exactly through the %s source', async (name, json, shape) => {
    const table = `T_${name}`;
    await exec(
      `CREATE NODE TABLE ${table}(id STRING, s STRING, n INT64, f DOUBLE, xs STRING[], ns INT64[], PRIMARY KEY(id))`,
    );
    const rows = NASTY.map((s, i) => ({
      id: `k${i}`,
      s,
      n: i === 0 ? null : 2 ** 40 + i,
      f: i === 1 ? 2 : i + 0.25,
      xs: i === 2 ? [] : [s, 'z'],
      ns: [1, 2],
    }));
    const copier = new BatchCopier(json);
    statements.length = 0;
    await copier.copy(exec, table, columns, rows, 'test');
    copier.dispose();
    expect(
      statements.some((s) => shape.test(s)),
      statements.join('\n'),
    ).toBe(true);
    const got = await exec(
      `MATCH (t:${table}) RETURN t.id AS id, t.s AS s, t.n AS n, t.f AS f, t.xs AS xs, t.ns AS ns ORDER BY t.id`,
    );
    expect(got).toEqual([...rows].sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('refuses a value of the wrong type before writing anything', async () => {
    await exec('CREATE NODE TABLE Bad(id STRING, n INT64, PRIMARY KEY(id))');
    const copier = new BatchCopier(true);
    const err = await copier
      .copy(exec, 'Bad', [columns[0]!, columns[2]!], [{ id: 'x', n: 1.5 }], 'label Bad')
      .catch((e: unknown) => e);
    copier.dispose();
    expect(isCgcError(err, 'INVALID_INPUT'), String(err)).toBe(true);
    expect(await exec('MATCH (b:Bad) RETURN count(b) AS c')).toEqual([{ c: 0 }]);
  });
});
