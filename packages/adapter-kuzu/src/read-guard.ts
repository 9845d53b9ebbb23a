import { CgcError } from '@cgc/core';

// Statements a read-only transaction does not stop but that write files, fetch
// extensions, change connection settings or switch the database the connection uses.
const SIDE_EFFECTS = new Set([
  'COPY',
  'EXPORT',
  'IMPORT',
  'ATTACH',
  'DETACH',
  'USE',
  'INSTALL',
  'UNINSTALL',
  'CHECKPOINT',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
]);

// Statements that would leave a shared connection in another transaction or database.
const CONNECTION_STATE = new Set(['ATTACH', 'DETACH', 'USE', 'BEGIN', 'COMMIT', 'ROLLBACK']);

/** The first keywords of a statement, skipping whitespace and comments. */
export function leadingWords(cypher: string, count = 3): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < cypher.length && words.length < count) {
    const rest = cypher.slice(i);
    const skip = /^(\s+|\/\/[^\n]*|\/\*[\s\S]*?(\*\/|$))/.exec(rest);
    if (skip) {
      i += skip[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*|^./.exec(rest)!;
    words.push(word[0].toUpperCase());
    i += word[0].length;
  }
  return words;
}

/** Refuses, before it reaches the engine, a read query whose statement has effects outside the graph. */
export function guardReadStatement(cypher: string): void {
  const [first, second, third] = leadingWords(cypher);
  if (!first) throw new CgcError('QUERY_SYNTAX', 'empty query');
  const loadExtension = first === 'LOAD' && second !== 'FROM' && second !== 'WITH';
  const setOption = first === 'CALL' && third === '=';
  if (SIDE_EFFECTS.has(first) || loadExtension || setOption) {
    throw new CgcError('READ_ONLY_VIOLATION', `a read-only query may not run ${first} statements`);
  }
}

/** Refuses statements that would change the state of the adapter's shared write connection. */
export function guardWriteStatement(cypher: string): void {
  const [first] = leadingWords(cypher, 1);
  if (!first) throw new CgcError('QUERY_SYNTAX', 'empty query');
  if (CONNECTION_STATE.has(first)) {
    throw new CgcError(
      'UNSUPPORTED',
      `${first} is not allowed through query(): the adapter manages transactions and the attached database`,
    );
  }
}
