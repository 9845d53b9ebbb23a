import { CgcError } from '@cgc/core';

/** One result set of a Kuzu query. */
export interface KuzuQueryResult {
  getAll(): Promise<Record<string, unknown>[]>;
  /** The rows already computed, converted on the calling thread (no thread-pool hop per row). */
  getAllSync?(): Record<string, unknown>[];
  close?(): void;
}

/** A statement prepared on one connection. */
export interface KuzuPreparedStatement {
  isSuccess(): boolean;
  getErrorMessage(): string;
}

/** The part of a Kuzu connection the adapter uses. */
export interface KuzuConnection {
  prepare(statement: string): Promise<KuzuPreparedStatement>;
  execute(
    ps: KuzuPreparedStatement,
    params?: Record<string, unknown>,
  ): Promise<KuzuQueryResult | KuzuQueryResult[]>;
  query(statement: string): Promise<KuzuQueryResult | KuzuQueryResult[]>;
  setQueryTimeout?(timeoutInMs: number): void;
  close(): Promise<void>;
}

/** The part of a Kuzu database the adapter uses. */
export interface KuzuDatabase {
  init(): Promise<void>;
  close(): Promise<void>;
}

/** The API shared by npm `kuzu` 0.11 and compatible forks such as LadybugDB's `lbug`. */
export interface KuzuModule {
  readonly Database: new (
    path: string,
    bufferManagerSize?: number,
    enableCompression?: boolean,
    readOnly?: boolean,
  ) => KuzuDatabase;
  readonly Connection: new (database: KuzuDatabase, numThreads?: number) => KuzuConnection;
  readonly VERSION?: string;
}

/** Accepts a module namespace or its default export, as `import()` of a CommonJS package gives either. */
export function asKuzuModule(mod: unknown): KuzuModule {
  const m = mod as Partial<KuzuModule> & { default?: Partial<KuzuModule> };
  const candidate = typeof m?.Database === 'function' ? m : m?.default;
  if (typeof candidate?.Database !== 'function' || typeof candidate.Connection !== 'function') {
    throw new CgcError('INVALID_INPUT', 'the Kuzu module must export Database and Connection classes');
  }
  return candidate as KuzuModule;
}

/** Loads npm `kuzu`, turning a missing or broken native binary into a clear error. */
export async function loadDefaultKuzu(): Promise<KuzuModule> {
  try {
    return asKuzuModule(await import('kuzu'));
  } catch (err) {
    throw new CgcError(
      'DB_UNAVAILABLE',
      `cannot load the "kuzu" package (is its native binary installed for this platform?): ${(err as Error).message}`,
      { cause: err },
    );
  }
}
