import type { JobManager } from '../jobs/job-manager.js';
import type { WatchManager } from '../jobs/watch-manager.js';
import type { Logger } from '../logger.js';
import type { GraphStore } from '../store.js';

/** One progress report of an indexing run (the shape `@cgc/indexer` reports). */
export interface IndexProgressReport {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
  readonly file?: string;
}

/** One batch of file changes an incremental watch applied (the fields of `@cgc/indexer`'s `WatchUpdate` cgc reads). */
export interface IndexerWatchUpdate {
  readonly added: readonly string[];
  readonly modified: readonly string[];
  readonly deleted: readonly string[];
  /** From the first file event of the batch to the graph being updated, in ms. */
  readonly latencyMs: number;
}

/** What the MCP tools hand an incremental watch (a subset of `@cgc/indexer`'s `WatchOptions`). */
export interface IndexerWatchOptions {
  /** Where repository snapshots live, shared with `cgc index` and `cgc watch`. */
  readonly stateDir: string;
  /** Aborting stops the watch, and the initial index when it is still running. */
  readonly signal: AbortSignal;
  readonly onProgress?: (p: IndexProgressReport) => void;
  readonly onUpdate?: (update: IndexerWatchUpdate) => void;
  /** A batch failed; the watch keeps running and the next batch converges. */
  readonly onError?: (error: Error) => void;
  readonly logger?: Logger;
  readonly maxFileBytes?: number;
  readonly storeSource?: boolean;
  readonly workers?: number;
  readonly fileTimeoutMs?: number;
  readonly ignoreFiles?: readonly string[];
}

/** A running incremental watch (`@cgc/indexer`'s `RepositoryWatch`). */
export interface IndexerWatch {
  readonly root: string;
  /** Stops watching and waits for a batch in progress; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Indexing, provided by the host. Core cannot import `@cgc/indexer` (dependencies point
 * one way), so the host hands its functions in: `{ index: indexRepository, watch: watchRepository }`.
 */
export interface IndexerCapability {
  index(
    store: GraphStore,
    path: string,
    options: {
      readonly signal?: AbortSignal;
      readonly onProgress?: (p: IndexProgressReport) => void;
      readonly isDependency?: boolean;
      readonly logger?: Logger;
      readonly maxFileBytes?: number;
      readonly storeSource?: boolean;
      readonly workers?: number;
      readonly fileTimeoutMs?: number;
      readonly ignoreFiles?: readonly string[];
    },
  ): Promise<unknown>;
  /**
   * Incremental watching: indexes the repository (from its snapshot when it matches the
   * graph) and applies file changes as they come. Without it `watch_directory` re-indexes
   * the whole repository after each burst of changes.
   */
  watch?(store: GraphStore, path: string, options: IndexerWatchOptions): Promise<IndexerWatch>;
}

/** Languages `add_package_to_graph` knows how to locate packages for. */
export const PACKAGE_LANGUAGES = [
  'python',
  'javascript',
  'typescript',
  'java',
  'c',
  'go',
  'ruby',
  'php',
  'cpp',
] as const;

/** A language of {@link PACKAGE_LANGUAGES}. */
export type PackageLanguage = (typeof PACKAGE_LANGUAGES)[number];

/** Finds where an installed package lives on disk. */
export type PackageResolver = (name: string, language: PackageLanguage, cwd: string) => Promise<string>;

/** Options of {@link coreToolsPlugin}. */
export interface CoreToolsOptions {
  /** Indexing; without it the indexing tools answer UNSUPPORTED with a clear message. */
  readonly indexer?: IndexerCapability;
  /** The process's job manager (created when omitted). */
  readonly jobs?: JobManager;
  /** The process's directory watchers (created over `jobs` when omitted). */
  readonly watches?: WatchManager;
  /** Locates installed packages (default: node_modules, Python's import system, GOMODCACHE). */
  readonly resolvePackage?: PackageResolver;
  /** Tool names provided by another builtin, left out here. */
  readonly omit?: Iterable<string>;
  /** Working directory relative paths resolve against (default process.cwd()). */
  readonly cwd?: string;
}
