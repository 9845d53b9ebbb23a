import { describe, expect, it } from 'vitest';
import type { FileIR, FunctionIR } from '../ir.js';
import { languageById } from '../languages/index.js';
import { SymbolTable } from './symbols.js';

function fn(name: string, isStatic = false): FunctionIR {
  return {
    name,
    fqn: name,
    kind: 'function',
    line: 1,
    endLine: 2,
    params: [],
    decorators: [],
    complexity: 1,
    isStatic,
    locals: {},
  };
}

function file(path: string, functions: FunctionIR[]): FileIR {
  return {
    path,
    lang: 'c',
    lines: 3,
    classes: [],
    functions,
    calls: [],
    imports: [],
    routes: [],
    errors: [],
  };
}

describe('symbol lists', () => {
  it('share one list per lone symbol across tables, and copy it before it grows', () => {
    const table = new SymbolTable('repo:t');
    const c = languageById('c')!;
    const a = table.add(file('a.c', [fn('probe'), fn('only_a')]), c);
    const aProbe = a.top.get('probe')!;
    // One list for the file's names, the FQN table and the C globals.
    expect(table.fnsByFqn.get('probe')).toBe(aProbe);
    expect(table.globals.get('probe')).toBe(aProbe);
    const b = table.add(file('b.c', [fn('probe'), fn('probe', true)]), c);
    // The tables that now hold more grew copies; a.c's own list is untouched.
    expect(aProbe.map((s) => s.file.rel)).toEqual(['a.c']);
    expect(table.fnsByFqn.get('probe')!.map((s) => s.file.rel)).toEqual(['a.c', 'b.c', 'b.c']);
    // The static one is not a global.
    expect(table.globals.get('probe')!.map((s) => s.file.rel)).toEqual(['a.c', 'b.c']);
    expect(b.top.get('probe')).toHaveLength(2);
    expect(table.fnsByFqn.get('only_a')).toBe(a.top.get('only_a'));
  });
});
