import type { JobManager } from '../jobs/job-manager.js';
import type { WatchManager } from '../jobs/watch-manager.js';
import type { GraphStore } from '../store.js';

/** One progress report of an indexing run (the shape `@cgc/indexer` reports). */
export interface IndexProgressReport {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
  readonly file?: string;
}

/**
 * Indexing, provided by the host. Core cannot import `@cgc/indexer` (dependencies point
 * one way), so the host hands its `indexRepository` in: `{ index: indexRepository }`.
 */
export interface IndexerCapability {
  index(
    store: GraphStore,
    path: string,
    options: {
      readonly signal?: AbortSignal;
      readonly onProgress?: (p: IndexProgressReport) => void;
      readonly isDependency?: boolean;
    },
  ): Promise<unknown>;
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
