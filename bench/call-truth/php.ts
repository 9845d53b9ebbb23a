import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import type { Truth, TruthMap } from './truth.js';

/** A declaration as php_truth.php reports it ("abs path:line"). */
interface Decl {
  readonly at: string;
  readonly abstract: boolean;
  readonly bases: string[];
}

/** What a PHP run observed: call targets per site, and the lines that made any call. */
export interface PhpTruth {
  readonly truth: TruthMap;
  /** path → lines of the project that called something while the driver ran. */
  readonly executed: Map<string, Set<number>>;
  /** Calls observed from project lines that the source does not spell at that line (autoloaders, magic methods, callbacks). */
  readonly implicit: number;
}

const NOT_CALLS = new Set(['{main}', 'require', 'require_once', 'include', 'include_once']);

/**
 * Runtime truth for PHP: runs `driver` (a PHP script exercising the project) under Xdebug's function
 * trace, with call-truth/php_truth.php prepended to dump every declaration under `root` at shutdown.
 * Each traced call from a project line is a site; its target is the declaration that ran, and the
 * declarations it overrides or implements are accepted too (what a call typed by the base names).
 * Only calls whose callee's name is written on the site's line count (an autoloader, a destructor,
 * `__toString` or a callback run by a built-in function is not a call the source spells there).
 * A runtime truth sees only what ran: lines that did not run are not scored.
 */
export function phpTruth(root: string, driver: string): PhpTruth {
  const dir = mkdtempSync(join(tmpdir(), 'cgc-php-truth-'));
  try {
    const prepend = join(dirname(fileURLToPath(import.meta.url)), 'php_truth.php');
    const declsFile = join(dir, 'decls.json');
    execFileSync(
      'php',
      [
        '-d',
        'xdebug.mode=trace',
        '-d',
        'xdebug.start_with_request=yes',
        '-d',
        'xdebug.trace_format=1',
        '-d',
        `xdebug.output_dir=${dir}`,
        '-d',
        'xdebug.trace_output_name=trace',
        '-d',
        `auto_prepend_file=${prepend}`,
        resolve(driver),
      ],
      {
        env: { ...process.env, CGC_TRUTH_ROOT: root, CGC_TRUTH_DECLS: declsFile },
        stdio: ['ignore', 'ignore', 'inherit'],
        maxBuffer: 1 << 30,
      },
    );
    const decls = new Map(
      Object.entries(JSON.parse(readFileSync(declsFile, 'utf8')) as Record<string, Decl>),
    );
    const trace = readdirSync(dir).find((f) => f.startsWith('trace'));
    if (!trace) throw new Error(`Xdebug wrote no trace in ${dir} (is the xdebug extension loaded?)`);
    return readTrace(join(dir, trace), root, decls);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readTrace(file: string, root: string, decls: Map<string, Decl>): PhpTruth {
  const rel = (abs: string) => relative(root, abs);
  const inRoot = (abs: string) => abs.startsWith(`${root}/`);
  const lines = new Map<string, string[]>();
  const lineText = (abs: string, n: number) => {
    if (!lines.has(abs)) lines.set(abs, readFileSync(abs, 'utf8').split('\n'));
    return lines.get(abs)![n - 1] ?? '';
  };
  // site → targets seen there (deduplicated), then built into Truth entries.
  const seen = new Map<string, Map<string, Decl | undefined>>();
  const executed = new Map<string, Set<number>>();
  let implicit = 0;
  eachLine(file, (line) => {
    const f = line.split('\t');
    if (f[2] !== '0' || f.length < 10) return;
    const name = f[5]!;
    const site = f[8]!;
    const at = Number(f[9]);
    // Code run by `eval` (Twig's compiled templates) has no project file.
    if (NOT_CALLS.has(name) || !inRoot(site) || site.endsWith("eval()'d code")) return;
    const path = rel(site);
    if (!executed.has(path)) executed.set(path, new Set());
    executed.get(path)!.add(at);
    const decl = f[6] === '1' ? declOf(name, decls) : undefined;
    if (decl && !spelled(name, lineText(site, at))) {
      implicit++;
      return;
    }
    const key = `${path}:${at}`;
    if (!seen.has(key)) seen.set(key, new Map());
    seen.get(key)!.set(decl ? decl.at : 'library', decl);
  });
  const truth: TruthMap = new Map();
  for (const [site, targets] of seen) {
    const list: { kind: Truth['kind']; target?: string; accepts?: string[] }[] = [];
    for (const [k, decl] of targets) {
      if (!decl) {
        list.push({ kind: 'library' });
        continue;
      }
      const target = rel(k.slice(0, k.lastIndexOf(':'))) + k.slice(k.lastIndexOf(':'));
      const accepts = decl.bases.map(
        (b) => rel(b.slice(0, b.lastIndexOf(':'))) + b.slice(b.lastIndexOf(':')),
      );
      // Implementations of one base member seen at one site are one call (dispatch), not several.
      const same = list.find(
        (t) => t.target && [t.target, ...(t.accepts ?? [])].some((x) => accepts.includes(x)),
      );
      if (same) same.accepts = [...new Set([...(same.accepts ?? []), target, ...accepts])];
      else list.push({ kind: decl.abstract ? 'abstract' : 'project', target, accepts });
    }
    truth.set(site, list);
  }
  return { truth, executed, implicit };
}

/** The declaration a traced name denotes: `A\B->m`, `A\B::m`, `f`, `{closure:/path:12-15}`. */
function declOf(name: string, decls: Map<string, Decl>): Decl | undefined {
  const closure = /^\{closure:(.*):(\d+)-\d+\}$/.exec(name);
  if (closure) return { at: `${closure[1]}:${closure[2]}`, abstract: false, bases: [] };
  return decls.get(name.replace('->', '::'));
}

/** Whether the line spells a call of the traced name (`m(`, `new X`, `parent::__construct(`). */
function spelled(name: string, text: string): boolean {
  if (name.startsWith('{closure:')) return false;
  const short = name.slice(
    Math.max(name.lastIndexOf('>'), name.lastIndexOf(':'), name.lastIndexOf('\\')) + 1,
  );
  if (short === '__construct' && /\bnew\b/.test(text)) return true;
  return new RegExp(`\\b${short}\\s*\\(`, 'i').test(text);
}

/** Calls `fn` with each line of a (possibly large) text file. */
function eachLine(file: string, fn: (line: string) => void): void {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const utf8 = new StringDecoder('utf8');
    let rest = '';
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const parts = (rest + utf8.write(buf.subarray(0, n))).split('\n');
      rest = parts.pop()!;
      for (const p of parts) fn(p);
    }
    if (rest) fn(rest);
  } finally {
    closeSync(fd);
  }
}
