import { CgcError } from '../errors.js';
import type { GraphStore } from '../store.js';
import { functionComplexity, mostComplexFunctions } from './complexity.js';
import { findDeadCode } from './dead-code.js';
import { classHierarchy, findOverrides } from './hierarchy.js';
import { findImporters, moduleDeps } from './imports.js';
import { callChain, findAllCallees, findAllCallers, findCallees, findCallers } from './relationships.js';
import { findFunctionsByArgument, findFunctionsByDecorator } from './symbols.js';
import type { ScopeOptions } from './types.js';
import { variableScope, whoModifies } from './variables.js';

/** The relationship query types (the Python tool's `analyze_code_relationships` names). */
export const ANALYZE_TYPES = [
  'find_callers',
  'find_callees',
  'find_all_callers',
  'find_all_callees',
  'call_chain',
  'find_importers',
  'module_deps',
  'who_modifies',
  'variable_scope',
  'class_hierarchy',
  'overrides',
  'dead_code',
  'find_complexity',
  'find_functions_by_argument',
  'find_functions_by_decorator',
] as const;

/** One relationship query type. */
export type AnalyzeType = (typeof ANALYZE_TYPES)[number];

// The Python tool's undocumented aliases plus the short names of its CLI (`cgc analyze calls`).
const ALIASES: Readonly<Record<string, AnalyzeType>> = {
  callers: 'find_callers',
  calls: 'find_callees',
  callees: 'find_callees',
  all_callers: 'find_all_callers',
  all_callees: 'find_all_callees',
  chain: 'call_chain',
  path: 'call_chain',
  importers: 'find_importers',
  deps: 'module_deps',
  module_dependencies: 'module_deps',
  module_usage: 'module_deps',
  modifies: 'who_modifies',
  mutations: 'who_modifies',
  changes: 'who_modifies',
  variable_usage: 'who_modifies',
  variable: 'variable_scope',
  var_scope: 'variable_scope',
  variable_usage_scope: 'variable_scope',
  tree: 'class_hierarchy',
  hierarchy: 'class_hierarchy',
  inheritance: 'class_hierarchy',
  extends: 'class_hierarchy',
  implementations: 'overrides',
  polymorphism: 'overrides',
  unused: 'dead_code',
  unreachable: 'dead_code',
  complexity: 'find_complexity',
  argument: 'find_functions_by_argument',
  by_argument: 'find_functions_by_argument',
  decorator: 'find_functions_by_decorator',
  by_decorator: 'find_functions_by_decorator',
};

/** Resolves a query type or alias (`calls`, `dead-code`, `find-callers`); throws INVALID_INPUT with the list. */
export function analyzeType(name: string): AnalyzeType {
  const n = name.trim().toLowerCase().replace(/-/g, '_');
  if ((ANALYZE_TYPES as readonly string[]).includes(n)) return n as AnalyzeType;
  const alias = ALIASES[n];
  if (alias) return alias;
  throw new CgcError('INVALID_INPUT', `unknown query type "${name}"`, {
    details: { supported: [...ANALYZE_TYPES], aliases: Object.keys(ALIASES) },
  });
}

/** Options of {@link analyzeCode}. */
export interface AnalyzeOptions extends ScopeOptions {
  /**
   * The Python tool's `context`: a file path narrowing the target, or a number for
   * `call_chain` (depth) and `find_complexity` (how many).
   */
  readonly context?: string;
  readonly depth?: number;
  /** Destination of `call_chain` when the target is not written `from->to`. */
  readonly to?: string;
  /** File of the `call_chain` destination. */
  readonly toFile?: string;
  /** For `dead_code`: decorators marking framework-invoked functions. */
  readonly excludeDecorators?: readonly string[];
}

/** What {@link analyzeCode} answers: the resolved type with that query's own result. */
export interface AnalyzeResult {
  readonly queryType: AnalyzeType;
  readonly target: string;
  readonly result: unknown;
}

const numeric = (s: string | undefined) =>
  s !== undefined && /^\d+$/.test(s.trim()) ? Number(s) : undefined;

/** Runs one relationship query by type name, the way `analyze_code_relationships` does. */
export async function analyzeCode(
  store: GraphStore,
  type: string,
  target: string,
  options: AnalyzeOptions = {},
): Promise<AnalyzeResult> {
  const queryType = analyzeType(type);
  const t = target.trim();
  const n = numeric(options.context);
  const file = n === undefined ? (options.file ?? options.context) : options.file;
  const scope = { repo: options.repo, limit: options.limit, file };
  const needsTarget =
    queryType !== 'dead_code' && !(queryType === 'find_complexity' && (t === '' || numeric(t) !== undefined));
  if (needsTarget && !t) throw new CgcError('INVALID_INPUT', `${queryType} needs a target`);
  const run = async (): Promise<unknown> => {
    switch (queryType) {
      case 'find_callers':
        return findCallers(store, t, scope);
      case 'find_callees':
        return findCallees(store, t, scope);
      case 'find_all_callers':
        return findAllCallers(store, t, { ...scope, depth: options.depth });
      case 'find_all_callees':
        return findAllCallees(store, t, { ...scope, depth: options.depth });
      case 'call_chain': {
        const [from, to] = options.to ? [t, options.to] : t.split(/\s*->\s*/);
        if (!from || !to) throw new CgcError('INVALID_INPUT', 'call_chain needs "from->to" or a destination');
        return callChain(store, from, to, { ...scope, depth: options.depth ?? n, toFile: options.toFile });
      }
      case 'find_importers':
        return findImporters(store, t, scope);
      case 'module_deps':
        return moduleDeps(store, t, scope);
      case 'who_modifies':
        return whoModifies(store, t, scope);
      case 'variable_scope':
        return variableScope(store, t, scope);
      case 'class_hierarchy':
        return classHierarchy(store, t, { ...scope, depth: options.depth });
      case 'overrides':
        return findOverrides(store, t, { ...scope, depth: options.depth });
      case 'dead_code':
        return findDeadCode(store, { ...scope, excludeDecorators: options.excludeDecorators });
      case 'find_complexity':
        return t === '' || numeric(t) !== undefined
          ? mostComplexFunctions(store, { ...scope, limit: options.limit ?? numeric(t) ?? n })
          : functionComplexity(store, t, scope);
      case 'find_functions_by_argument':
        return findFunctionsByArgument(store, t, scope);
      case 'find_functions_by_decorator':
        return findFunctionsByDecorator(store, t, scope);
    }
  };
  return { queryType, target: t, result: await run() };
}
