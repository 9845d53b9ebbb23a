import { describe, expect, it } from 'vitest';
import type { FileIR } from '../ir.js';
import { javaArgFit } from './java-arg-fit.js';
import { mayDeclare } from './jdk-members.js';
import type { FileEntry } from './symbols.js';

const file = (module: string, ...imports: string[]) =>
  ({
    classes: [],
    ir: {
      module,
      imports: imports.map((source) =>
        source.endsWith('.*')
          ? { source: source.slice(0, -2), kind: 'import', name: '*', line: 1 }
          : { source, kind: 'import', line: 1 },
      ),
    } as Partial<FileIR>,
  }) as unknown as FileEntry;

describe('Java argument fit', () => {
  it('names a class through each file its imports', () => {
    const reflect = file('poet', 'java.lang.reflect.TypeVariable');
    const mirror = file('poet', 'javax.lang.model.type.TypeVariable');
    expect(javaArgFit('TypeVariable<?>', 'TypeVariable', reflect, mirror)).toBe(1);
    expect(javaArgFit('TypeVariable<?>', 'java.lang.reflect.TypeVariable<?>', reflect, mirror)).toBe(2);
    // the other side's own package, or a package it imports whole
    expect(javaArgFit('Node', 'Node', file('a', 'b.Node'), file('b'))).toBe(2);
    expect(javaArgFit('Reader', 'Reader', file('a', 'java.io.Reader'), file('b', 'java.io.*'))).toBe(2);
    expect(javaArgFit('Node', 'Node', file('a', 'b.Node'), file('c'))).toBe(1);
    // a member class named simply in the file declaring it, by its FQN in the other
    const outer = { ...file('a'), classes: [{ ir: { fqn: 'a.Outer.Mode' } }] } as unknown as FileEntry;
    expect(javaArgFit('a.Outer.Mode', 'Mode', file('b'), outer)).toBe(2);
    expect(javaArgFit('b.Other.Mode', 'Mode', file('b'), outer)).toBe(1);
    // other simple names are the hierarchy's question
    expect(javaArgFit('List', 'Collection', file('a'), file('a'))).toBeUndefined();
  });

  it('compares type arguments a parameter fixes', () => {
    const f = file('opts', 'java.util.List');
    expect(javaArgFit('List<? extends Spec<?>>', 'List<String>', f, f)).toBe(0);
    expect(javaArgFit('List<Integer>', 'List<String>', f, f)).toBe(0);
    expect(javaArgFit('List<String>', 'List<String>', f, f)).toBe(2);
    // raw, diamond, wildcard and type variable parameters leave the class's match
    expect(javaArgFit('List', 'List<String>', f, f)).toBe(2);
    expect(javaArgFit('List<>', 'List<String>', f, f)).toBe(2);
    expect(javaArgFit('List<Integer>', 'List<? extends Number>', f, f)).toBe(2);
    expect(javaArgFit('TypeReference<?>', 'TypeReference<T>', f, f)).toBe(2);
    expect(javaArgFit('List<Value>', 'List<Value>', f, f)).toBe(2);
    // a same-named class through other names: not certain
    expect(javaArgFit('List<java.lang.String>', 'List<String>', f, f)).toBe(1);
  });
});

describe('JDK members', () => {
  it('knows what common JDK supertypes declare, and nothing of other libraries', () => {
    expect(mayDeclare('java.util.Map', 'containsKey')).toBe(true);
    expect(mayDeclare('Collection', 'getCount')).toBe(false);
    expect(mayDeclare('Serializable', 'run')).toBe(false);
    expect(mayDeclare('com.example.Map', 'getCount')).toBe(true);
    expect(mayDeclare('Unknown', 'anything')).toBe(true);
  });
});
