export { type ExtractOptions, extractSource } from './extract/extract.js';
export { DEFAULT_IGNORED_DIRS, listSourceFiles, type SourceFile } from './files.js';
export { type GrammarFailure, loadGrammar } from './grammars.js';
export { type GraphSink, MemorySink } from './graph/sink.js';
export {
  type IncrementalOptions,
  type IncrementalSummary,
  indexIncremental,
  openIncremental,
} from './incremental/index-incremental.js';
export {
  analyzeRepository,
  type IndexOptions,
  type IndexSummary,
  indexRepository,
} from './index-repository.js';
export type {
  CallIR,
  ClassIR,
  ClassKind,
  FileIR,
  FunctionIR,
  FunctionKind,
  ImportIR,
  ParamIR,
  RouteIR,
} from './ir.js';
export { LANGUAGES, languageById, languageFor } from './languages/index.js';
export type { LanguageSpec } from './languages/types.js';
export { type IndexProgress, type PipelineOptions, type PipelineResult, runPipeline } from './pipeline.js';
export { indexerPlugin } from './plugin.js';
export { CONFIDENCE, type Resolution } from './resolve/call-target.js';
export {
  type RepositoryWatch,
  type WatchOptions,
  type WatchUpdate,
  watchRepository,
} from './watch/watch-repository.js';
