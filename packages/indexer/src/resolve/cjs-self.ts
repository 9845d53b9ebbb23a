import { declaredAt } from '../extract/helpers.js';
import type { CallIR } from '../ir.js';
import type { CallTarget, Resolution } from './call-target.js';
import type { CallResolver } from './calls.js';
import { cjsExport } from './cjs-exports.js';
import type { EnclosingFunctions } from './enclosing.js';
import { objectLiteralMember } from './js-object-members.js';
import type { Scope } from './scope.js';
import type { FileEntry, FnSym, Sym } from './symbols.js';
import { typedMember } from './typed-member.js';

/** How a CommonJS module names its own exports object, by the variable each spelling reads. */
const OWN_EXPORTS = new Map([
  ['exports', 'exports'],
  ['module.exports', 'module'],
]);
const REQUIRE = /^require\((['"])([^'"]+)\1\)$/;
const OWN_MEMBER = /^((?:module\.)?exports)\.([\w$]+)$/;
const JS_LANGS: ReadonlySet<string> = new Set(['javascript', 'typescript', 'tsx']);

/** The caller's view of a file: its functions, for the variables a call sees. */
interface Site {
  readonly enc: EnclosingFunctions;
  readonly file: FileEntry;
  readonly caller: FnSym | undefined;
}

// Whether `name` is a variable at `line`: a parameter or local of the caller or a function around
// it, or one declared outside every function and in force there (a callback's parameter).
function variable({ enc, file, caller }: Site, name: string, line: number): boolean {
  if (enc.parameter(file, caller, name) || enc.localVariable(file, caller, name)) return true;
  return file.ir.globals !== undefined && declaredAt(file.ir.globals, name, line);
}

/**
 * A JS call on a CommonJS module object, by receiver: `exports.f()`, `module.exports.f()` or `new
 * exports.F()` — what the module itself exports as f (see cjsExport; `exports` and `module.exports`
 * are one object to the checker, also after `module.exports = Plugin`) — or `require('./m').f()`,
 * m's f; `pick` chooses among the functions found. Null where no known f is found, or where
 * `exports` (`module`, `require`) is a variable there: a UMD wrapper's parameter, a local object.
 * Undefined for any other receiver, but the member of a file's object literal (js-object-members.ts).
 */
export function cjsMember(
  scope: Scope,
  enc: EnclosingFunctions,
  file: FileEntry,
  caller: FnSym | undefined,
  c: CallIR,
  pick: (syms: readonly Sym[], via: Resolution) => CallTarget | undefined,
): CallTarget | null | undefined {
  const recv = c.receiver ?? '';
  const required = REQUIRE.exec(recv)?.[2];
  const head = required === undefined ? OWN_EXPORTS.get(recv) : 'require';
  if (!JS_LANGS.has(file.spec.id)) return undefined;
  if (head === undefined) {
    // Not the module's own object: a member of a top-level object literal, if any.
    const member = objectLiteralMember(scope, enc, file, caller, c);
    return member && (pick([member], 'same-file') ?? null);
  }
  if (required === undefined && !file.ir.cjsExports) return undefined;
  if (variable({ enc, file, caller }, head, c.line)) return null;
  const target = required === undefined ? file : scope.jsFile(file, required);
  const syms =
    target && (required === undefined ? cjsExport(scope, file, c.name) : scope.member(target, c.name));
  if (!syms?.length) return null;
  return pick(syms, syms[0]!.file === file ? 'same-file' : 'import') ?? null;
}

/**
 * `this.b()` in a method of the file's `module.exports = { b: c, … }` (owned by `owner`): the
 * function the literal lists as b, the file's c (see FileIR.cjsObjectNames). Not a member added
 * later (`module.exports.b = …`, `exports.b = …`): the checker types `this` from the literal.
 */
export function exportsObjectMember(
  scope: Scope,
  file: FileEntry,
  owner: string,
  name: string,
): readonly Sym[] | undefined {
  if (owner !== file.spec.style.join(file.ir.module, 'module.exports', 'module')) return undefined;
  if (!file.ir.cjsObjectNames?.includes(name)) return undefined;
  return cjsExport(scope, file, name) ?? undefined;
}

/**
 * JS `new F(…).m()` where F is no class (see typedMember): m of `F.prototype` for a constructor
 * function F, written as a name or as the module's own export of it (`new exports.Request(…)`,
 * `exports.Request = Request`).
 */
export function constructedMember(
  r: CallResolver,
  enc: EnclosingFunctions,
  file: FileEntry,
  caller: FnSym | undefined,
  written: string,
  c: CallIR,
): CallTarget | undefined {
  if (!JS_LANGS.has(file.spec.id)) return undefined;
  const own = OWN_MEMBER.exec(written);
  const head = own && OWN_EXPORTS.get(own[1]!);
  if (head && variable({ enc, file, caller }, head, c.line)) return undefined;
  const name = own ? file.ir.cjsExports?.[own[2]!] : written;
  return name && /^[\w$]+$/.test(name) ? typedMember(r, file, name, c, caller, c.line) : undefined;
}
