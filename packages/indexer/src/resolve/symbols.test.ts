import { describe, expect, it } from 'vitest';
import type { ClassIR, FileIR, FunctionIR } from '../ir.js';
import { languageById } from '../languages/index.js';
import { createIntern, internIr } from './compact-ir.js';
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

describe('shared copies', () => {
  const struct = (name: string): ClassIR => ({
    name,
    fqn: name,
    kind: 'struct',
    line: 1,
    endLine: 2,
    bases: [],
    implements: [],
    decorators: [],
    fields: {},
    mixins: [],
  });

  it('give classes without methods one empty map, and a class its own from its first method', () => {
    const table = new SymbolTable('repo:t');
    const cpp = languageById('cpp')!;
    const ir = file('a.cpp', [{ ...fn('run'), fqn: 'Task::run', classFqn: 'Task' }]);
    ir.lang = 'cpp';
    ir.classes = [struct('Point'), struct('Size'), struct('Task')];
    const [point, size, task] = table.add(ir, cpp).classes;
    expect(point!.methods.size).toBe(0);
    expect(point!.methods).toBe(size!.methods);
    expect([...task!.methods.keys()]).toEqual(['run']);
    expect(point!.methods.size).toBe(0);
  });

  it('intern equal locals maps and parameters across functions', () => {
    const intern = createIntern();
    const a = {
      ...fn('a'),
      locals: { ret: 'int', dev: 'struct device' },
      params: [{ name: 'dev', type: 'struct device' }],
    };
    const b = {
      ...fn('b'),
      locals: { ret: 'int', dev: 'struct device' },
      params: [
        { name: 'dev', type: 'struct device' },
        { name: 'n', type: 'int' },
      ],
    };
    const c = { ...fn('c'), locals: { dev: 'struct device', ret: 'int' } };
    internIr(file('x.c', [a, b, c]), intern);
    expect(a.locals).toBe(b.locals);
    expect(a.locals).toEqual({ ret: 'int', dev: 'struct device' });
    // Another order of the same entries is another map (its keys' order is kept).
    expect(c.locals).not.toBe(a.locals);
    expect(a.params[0]).toBe(b.params[0]);
    expect(b.params.map((p) => p.name)).toEqual(['dev', 'n']);
    const d = fn('d');
    internIr(file('y.c', [d]), intern);
    expect(d.locals).toEqual({});
  });
});
