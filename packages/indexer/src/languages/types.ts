import type { FileBuilder, FqnStyle } from '../extract/builder.js';
import type { EnterFn } from '../extract/walk.js';
import type { FileIR } from '../ir.js';

/** Where a grammar's wasm comes from: a file inside an npm package. */
export interface GrammarRef {
  readonly pkg: string;
  readonly file: string;
}

/** What a language's extractor needs besides the tree. */
export interface FileContext {
  readonly path: string;
  /** Module name computed from the repository layout (Python dotted module, TS/JS path). */
  readonly module?: string;
}

/** Everything the indexer knows about one language. */
export interface LanguageSpec {
  readonly id: string;
  readonly extensions: readonly string[];
  /** Grammars to try in order (the first that loads wins). */
  readonly grammars: readonly GrammarRef[];
  readonly style: FqnStyle;
  /** Node types that add one to cyclomatic complexity. */
  readonly complexity: ReadonlySet<string>;
  /**
   * Rewrites a file's text before it is parsed, keeping its length and line breaks (positions
   * stay those of the file): blanks what the grammar cannot parse without a preprocessor.
   */
  prepare?(source: string): string;
  /**
   * A rewrite like {@link prepare} (same length and line breaks) for a text whose parse has
   * errors: the rewritten text is parsed too and kept when it has fewer error sites.
   */
  repair?(source: string): string;
  /**
   * Whether a file's text holds nothing the tree would give but its line count (C: preprocessor
   * lines only): extraction then skips the parse.
   */
  treeless?(text: string): boolean;
  /** Adjusts the extracted IR with what the text says beyond the tree (C's alias macros). */
  finish?(ir: FileIR, text: string): void;
  /** Called before the walk (module name from the path, for example). */
  begin?(b: FileBuilder, ctx: FileContext): void;
  readonly enter: EnterFn;
  /** The node types `enter` handles; others are only counted for complexity (keeps the walk cheap). */
  readonly nodeTypes?: ReadonlySet<string>;
  /**
   * Narrower capture patterns for some of `nodeTypes` (one capture each, named after the node
   * type: `(struct_specifier body: (_)) @struct_specifier`), so that nodes
   * `enter` would ignore are never handed to it (a C `struct x *p` type use has no body).
   */
  readonly queryPatterns?: Readonly<Record<string, string>>;
  /** Receiver names meaning "the current object". */
  readonly selfNames: readonly string[];
  /** Names of a class's constructor method, if the language names it (`__init__`, `constructor`). */
  readonly constructorNames?: readonly string[];
}
