import { baseType } from '../extract/helpers.js';
import type { Scope } from './scope.js';
import type { ClassSym } from './symbols.js';

/** A class in a Python MRO: one of the project's, or a library base as written (`ValueError`). */
export type MroEntry = ClassSym | string;

// Builtin classes with an `__init__` of their own: before a project class in the MRO, theirs runs.
const BUILTIN_INIT = new Set(
  (
    'BaseException Exception ArithmeticError AssertionError AttributeError BlockingIOError BrokenPipeError ' +
    'BufferError ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ' +
    'ConnectionResetError EOFError EnvironmentError FileExistsError FileNotFoundError FloatingPointError ' +
    'GeneratorExit ImportError IndentationError IndexError InterruptedError IOError IsADirectoryError KeyError ' +
    'KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError NotADirectoryError ' +
    'NotImplementedError OSError OverflowError PermissionError ProcessLookupError RecursionError ' +
    'ReferenceError RuntimeError StopAsyncIteration StopIteration SyntaxError SystemError SystemExit TabError ' +
    'TimeoutError TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError ' +
    'UnicodeTranslateError ValueError ZeroDivisionError Warning UserWarning DeprecationWarning ' +
    'PendingDeprecationWarning SyntaxWarning RuntimeWarning FutureWarning ImportWarning UnicodeWarning ' +
    'BytesWarning ResourceWarning EncodingWarning dict list set bytearray threading.Thread ' +
    'collections.OrderedDict collections.defaultdict collections.Counter collections.deque'
  ).split(' '),
);

/** Whether a library base of a Python class defines the method `name` itself (a builtin's `__init__`). */
export const libraryDefines = (base: string, name: string): boolean =>
  name === '__init__' && BUILTIN_INIT.has(base.replace(/^builtins\./, ''));

/**
 * A Python class's method resolution order, the C3 linearisation of its bases (`class A(B, C)` with
 * `class B(D)` searches A, B, D, C), library bases as leaves; undefined where C3 has no answer (or
 * the bases loop).
 */
export function pythonMro(
  scope: Scope,
  cls: ClassSym,
  memo: Map<ClassSym, MroEntry[] | undefined>,
): MroEntry[] | undefined {
  if (memo.has(cls)) return memo.get(cls);
  memo.set(cls, undefined);
  const seqs: MroEntry[][] = [];
  const bases: MroEntry[] = [];
  for (const b of cls.ir.bases) {
    const name = baseType(b) ?? b;
    const s = scope.classNamed(cls.file, name, cls.ir.parent);
    if (s === cls) continue;
    const entry: MroEntry = s ?? name;
    const seq = typeof entry === 'string' ? [entry] : pythonMro(scope, entry, memo);
    if (!seq) return undefined;
    bases.push(entry);
    seqs.push(seq);
  }
  const out = merge([...seqs, bases]);
  const mro = out ? [cls, ...out] : undefined;
  memo.set(cls, mro);
  return mro;
}

/** C3's merge: the first head in no list's tail, again and again. */
function merge(lists: MroEntry[][]): MroEntry[] | undefined {
  const seqs = lists.map((l) => [...l]).filter((l) => l.length);
  const out: MroEntry[] = [];
  while (seqs.length) {
    const head = seqs.map((s) => s[0]!).find((h) => !seqs.some((t) => t.indexOf(h) > 0));
    if (head === undefined) return undefined;
    out.push(head);
    for (const s of seqs) if (s[0] === head) s.shift();
    for (let i = seqs.length - 1; i >= 0; i--) if (!seqs[i]!.length) seqs.splice(i, 1);
  }
  return out;
}
