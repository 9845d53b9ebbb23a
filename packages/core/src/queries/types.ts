/** A code element in a query answer: enough to open it (path, line) and to name it (FQN). */
export interface CodeRef {
  readonly id: string;
  /** Graph label: Function, Class, Variable, Module, File, Route, Parameter. */
  readonly label: string;
  readonly name: string;
  /** Fully qualified name for classes and functions; null for files, modules, variables. */
  readonly fqn: string | null;
  /** `kind` of a Class or Function (method, interface…), null elsewhere. */
  readonly kind: string | null;
  /** Absolute path of the file it is in (the file itself for a File). */
  readonly path: string | null;
  readonly line: number | null;
  readonly endLine: number | null;
  /** Repository id. */
  readonly repo: string | null;
}

/** Options shared by the queries: where to look and how much to return. */
export interface ScopeOptions {
  /** A repository id, path or name; restricts the answer to it. */
  readonly repo?: string;
  /** Maximum number of results (each query has its own default). */
  readonly limit?: number;
  /** A file path (absolute, repository-relative or a suffix) disambiguating the target. */
  readonly file?: string;
}

/** A query answer about one or more targets: which nodes the target resolved to, and the results. */
export interface TargetedResult<T> {
  /** Every node the target name/FQN matched (more than one means it was ambiguous). */
  readonly targets: readonly CodeRef[];
  readonly results: readonly T[];
  /** True when `limit` cut the results. */
  readonly truncated: boolean;
}

/** One CALLS edge with the call site. */
export interface CallEdge {
  readonly caller: CodeRef;
  readonly callee: CodeRef;
  /** First call-site line, when the indexer recorded it. */
  readonly line: number | null;
  /** Every call-site line. */
  readonly lines: readonly number[];
  readonly confidence: number | null;
  readonly resolution: string | null;
}

/** A node reached by a transitive walk, with its distance and the node one step closer to the start. */
export interface TransitiveHit {
  readonly ref: CodeRef;
  readonly depth: number;
  /** Id of the neighbour through which it was first reached (the start node for depth 1). */
  readonly via: string;
}

/** A call chain from one function to another. */
export interface CallChain {
  readonly nodes: readonly CodeRef[];
  /** Call-site lines of each hop (`calls[i]` goes from `nodes[i]` to `nodes[i + 1]`). */
  readonly calls: readonly { readonly line: number | null; readonly lines: readonly number[] }[];
  readonly length: number;
}
