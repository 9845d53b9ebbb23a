export {
  ANALYZE_TYPES,
  type AnalyzeOptions,
  type AnalyzeResult,
  type AnalyzeType,
  analyzeCode,
  analyzeType,
} from './analyze.js';
export {
  type ComplexityHit,
  functionComplexity,
  type MostComplexOptions,
  mostComplexFunctions,
} from './complexity.js';
export {
  type DeadCodeHit,
  type DeadCodeOptions,
  type DeadCodeResult,
  type DeadReason,
  findDeadCode,
} from './dead-code.js';
export type { Exclusion } from './dead-code-rules.js';
export { type FindHit, type FindOptions, findCode, type MatchKind, type SearchLabel } from './find-code.js';
export { editDistance, fuzzyRank } from './fuzzy.js';
export {
  type ClassHierarchy,
  classHierarchy,
  findOverrides,
  type HierarchyOptions,
  type Override,
  type TypeHit,
} from './hierarchy.js';
export {
  findImporters,
  type ImportEdge,
  type ImportersResult,
  type ModuleDepsResult,
  moduleDeps,
} from './imports.js';
export { queriesPlugin } from './queries-plugin.js';
export { codeOnly, type ReadOnlyOptions, type ReadOnlyResult, runReadOnlyQuery } from './read-only.js';
export { type RepositoryRef, resolveRepo, resolveTargets } from './refs.js';
export {
  type ChainOptions,
  type ChainResult,
  callChain,
  findAllCallees,
  findAllCallers,
  findCallees,
  findCallers,
  type TransitiveOptions,
} from './relationships.js';
export {
  type DeleteResult,
  deleteRepository,
  type GraphCounts,
  listRepositories,
  type RepositoryStats,
  type RepositorySummary,
  repositoryStats,
} from './repositories.js';
export {
  type ArgumentHit,
  type DecoratorHit,
  decoratorMatches,
  findFunctionsByArgument,
  findFunctionsByDecorator,
} from './symbols.js';
export { type Column, formatTable } from './table.js';
export type { CallChain, CallEdge, CodeRef, ScopeOptions, TargetedResult, TransitiveHit } from './types.js';
export { type VariableSite, variableScope, whoModifies } from './variables.js';
