import { decoratorMatches } from './symbols.js';
import type { CodeRef } from './types.js';

/** Why a function without callers is still not reported. */
export type Exclusion =
  | 'entry-point'
  | 'test'
  | 'magic'
  | 'framework'
  | 'exported'
  | 'interface'
  | 'override';

/** What the rules look at. */
export interface Candidate {
  readonly ref: CodeRef;
  readonly decorators: readonly string[];
  readonly exported: boolean;
  /** Name and kind of the declaring class, if any. */
  readonly owner?: { readonly name: string; readonly kind: string | null } | undefined;
  /** True when an ancestor class declares a method of the same name. */
  readonly overrides: boolean;
}

/** Options of the rules. */
export interface RuleOptions {
  /** Decorators marking code a framework invokes (by text or name, as `find_functions_by_decorator`). */
  readonly excludeDecorators?: readonly string[];
  /** Report exported functions too (default: exported API is assumed used). */
  readonly includeExported?: boolean;
}

const ENTRY = new Set(['main', '__main__', 'Main']);
const TEST_DIR = /(^|[/\\])(tests?|__tests__|specs?|testing)[/\\]/i;
const TEST_FILE =
  /(^|[/\\])(test_[^/\\]*\.py|[^/\\]*_test\.(py|go)|[^/\\]*\.(test|spec)\.[cm]?[jt]sx?|[^/\\]*Tests?\.(java|kt|cs|php)|[^/\\]*_spec\.rb)$/;
const TEST_NAME =
  /^(test_|_test|test[A-Z0-9]|Test[A-Z0-9_]|Benchmark[A-Z0-9_]|Fuzz[A-Z0-9_]|Example[A-Z0-9_]?$)|^test$/;
const TEST_HOOKS = new Set([
  'setUp',
  'tearDown',
  'setUpClass',
  'tearDownClass',
  'setUpBeforeClass',
  'tearDownAfterClass',
  'setup_method',
  'teardown_method',
  'setup_module',
  'teardown_module',
]);
const TEST_DECORATORS = [
  'Test',
  'pytest.fixture',
  'fixture',
  'ParameterizedTest',
  'BeforeEach',
  'AfterEach',
  'BeforeAll',
  'AfterAll',
  'Before',
  'After',
  'TestMethod',
  'Fact',
  'Theory',
];
// Decorators whose functions a framework calls: routes, commands, tasks, events, properties, hooks.
const FRAMEWORK_DECORATORS = [
  'route',
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'head',
  'options',
  'websocket',
  'api_view',
  'view_config',
  'command',
  'group',
  'task',
  'shared_task',
  'listener',
  'listens_for',
  'receiver',
  'subscribe',
  'on',
  'event',
  'hook',
  'hookimpl',
  'callback',
  'validator',
  'field_validator',
  'model_validator',
  'root_validator',
  'property',
  'setter',
  'getter',
  'deleter',
  'cached_property',
  'abstractmethod',
  'overload',
  'Override',
  'RequestMapping',
  'GetMapping',
  'PostMapping',
  'PutMapping',
  'DeleteMapping',
  'PatchMapping',
  'Get',
  'Post',
  'Put',
  'Delete',
  'Patch',
  'EventListener',
  'Scheduled',
  'Bean',
  'PostConstruct',
  'PreDestroy',
  'KafkaListener',
  'JmsListener',
  'MessagePattern',
  'EventPattern',
  'Cron',
  'HostListener',
  'Route',
  'HttpGet',
  'HttpPost',
  'HttpPut',
  'HttpDelete',
  'AsEventListener',
  'AsCommand',
  'AsMessageHandler',
];
// Classes whose methods frameworks call by convention.
const FRAMEWORK_CLASS =
  /(Controller|Listener|Subscriber|Observer|Middleware|Handler|Command|Job|Consumer|Resolver|Provider|Migration|Seeder|Policy)$/;

/** True for test code: test files and directories, test function names, hooks and decorators. */
export function isTest(c: Pick<Candidate, 'ref' | 'decorators'>): boolean {
  const path = c.ref.path ?? '';
  if (TEST_DIR.test(path) || TEST_FILE.test(path)) return true;
  if (TEST_NAME.test(c.ref.name) || TEST_HOOKS.has(c.ref.name)) return true;
  return c.decorators.some((d) => TEST_DECORATORS.some((t) => decoratorMatches(d, t)));
}

function lastName(decorator: string): string {
  const head = decorator
    .trim()
    .replace(/^[@#[]+/, '')
    .split('(')[0]!
    .trim();
  return head.split('.').pop() ?? head;
}

/** The first rule that says a function with no real caller is still used, or undefined. */
export function exclusionOf(c: Candidate, options: RuleOptions = {}): Exclusion | undefined {
  const { name, path, kind } = c.ref;
  if (ENTRY.has(name) || (name === 'init' && (path ?? '').endsWith('.go'))) return 'entry-point';
  if (isTest(c)) return 'test';
  if (/^__\w+__$/.test(name) || (name.startsWith('__') && (path ?? '').endsWith('.php'))) return 'magic';
  if (kind === 'constructor' || name === 'constructor') return 'magic';
  if (c.decorators.some((d) => FRAMEWORK_DECORATORS.includes(lastName(d)))) return 'framework';
  if ((options.excludeDecorators ?? []).some((x) => c.decorators.some((d) => decoratorMatches(d, x))))
    return 'framework';
  if (c.owner && FRAMEWORK_CLASS.test(c.owner.name)) return 'framework';
  if (c.exported && !options.includeExported) return 'exported';
  if (c.owner?.kind === 'interface') return 'interface';
  if (c.overrides) return 'override';
  return undefined;
}
