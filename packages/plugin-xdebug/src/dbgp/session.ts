import { randomUUID } from 'node:crypto';
import { CgcError, isCgcError, type Logger } from '@cgc/core';
import type { ChainBuilder, StackLevel } from '../capture/chain-builder.js';
import type { CallRecorder, RequestInfo } from '../capture/recorder.js';
import type { DbgpConnection } from './connection.js';
import type { DbgpInit, DbgpResponse } from './packets.js';
import { diffStack, effectiveCaller } from './stack-diff.js';

/** Limits and choices of one capture session. */
export interface SessionOptions {
  readonly maxSessionMs: number;
  readonly initTimeoutMs: number;
  /** Frames kept per stack (deeper frames are not recorded). */
  readonly maxDepth: number;
  /** Ask the engine for URL, method and trigger with `eval` (default true). */
  readonly requestInfo?: boolean;
  /**
   * Functions to break on: each break is exactly one call and costs two round
   * trips. Without them every statement is stepped into.
   */
  readonly breakpoints?: () => Promise<readonly BreakpointSpec[]> | readonly BreakpointSpec[];
}

/**
 * A call breakpoint on `Ns\\Cls::m` / `Ns\\fn`, or a breakpoint at the first line of a
 * function's body (runtime path) that stops once per call, for code no class or
 * function name reaches: trait methods (they run under each using class's name)
 * and closures (`closure: true`: only a closure's own execution of the line stops).
 */
export type BreakpointSpec =
  | string
  | { readonly file: string; readonly line: number; readonly closure?: boolean };

/**
 * The condition of a once-per-call line breakpoint: true the first time the
 * line runs in a call (it leaves a marker local in that call's scope), false
 * when the line runs again in the same call (a loop) or another breakpoint on
 * the line already stopped. Fresh scopes make every call, and recursion, stop once.
 */
export const ONCE_PER_CALL = '!isset($__cgc_seen) && ($__cgc_seen = true)';

/**
 * {@link ONCE_PER_CALL} for a closure's line, which the enclosing function may run
 * too (an arrow function inside a statement): frame 1 of a backtrace taken in the
 * condition is the function running the line, and PHP names closures `{closure…}`.
 */
export const ONCE_PER_CLOSURE_CALL = `strpos(debug_backtrace(0, 2)[1]['function'] ?? '', '{closure') !== false && ${ONCE_PER_CALL}`;

/** How a session ended. */
export interface SessionResult {
  readonly request: RequestInfo;
  readonly steps: number;
  readonly calls: number;
  /** `stopping`, `stopped`, `time_limit`, `size_limit`, `disconnected`, `protocol_error`. */
  readonly reason: string;
  readonly error?: CgcError;
}

const REQUEST_EXPR =
  "json_encode([$_SERVER['REQUEST_URI'] ?? null, $_SERVER['REQUEST_METHOD'] ?? null, " +
  "$_GET['XDEBUG_TRIGGER'] ?? $_POST['XDEBUG_TRIGGER'] ?? $_COOKIE['XDEBUG_TRIGGER'] ?? " +
  "$_SERVER['XDEBUG_TRIGGER'] ?? (getenv('XDEBUG_TRIGGER') ?: null)])";

/**
 * Drives one engine from init to the end: negotiates features, steps into every
 * statement and asks for the stack after each step (each command's response is
 * awaited before the next), records the calls entered between two stops,
 * handles `stopping`/`stopped`, and detaches at the end or when a limit is hit,
 * so the PHP request always runs to completion.
 */
export async function runSession(
  conn: DbgpConnection,
  recorder: CallRecorder,
  builder: ChainBuilder,
  options: SessionOptions,
  logger: Logger,
): Promise<SessionResult> {
  const startedAt = Date.now();
  let init: DbgpInit;
  try {
    init = await conn.init(options.initTimeoutMs);
  } catch (err) {
    const error = asError(err);
    const request: RequestInfo = { id: `dbgp:${randomUUID()}`, source: 'dbgp', startedAt, calls: 0 };
    return {
      request,
      steps: 0,
      calls: 0,
      reason: error.code === 'CLOSED' ? 'disconnected' : 'protocol_error',
      error,
    };
  }
  const request: RequestInfo = {
    id: `dbgp:${init.appId || 'app'}:${randomUUID()}`,
    source: 'dbgp',
    url: init.fileUri,
    script: init.file,
    ideKey: init.ideKey,
    appId: init.appId,
    startedAt,
    calls: 0,
    status: 'running',
  };
  recorder.request(request);
  const deadline = startedAt + options.maxSessionMs;
  let steps = 0;
  let calls = 0;
  let reason = 'stopped';
  let error: CgcError | undefined;
  try {
    if (init.language && init.language.toUpperCase() !== 'PHP') {
      throw new CgcError('UNSUPPORTED', `DBGp engine language ${init.language} is not PHP`);
    }
    for (const [name, value] of [
      ['max_depth', '1'],
      ['max_children', '1'],
      ['max_data', '1024'],
      ['notify_ok', '1'],
    ] as const) {
      await conn.send('feature_set', `-n ${name} -v ${value}`);
    }
    const specs = options.breakpoints ? await options.breakpoints() : [];
    if (specs.some((b) => typeof b !== 'string')) {
      // Lets a breakpoint on a declaration line move to the first line of the body.
      await conn.send('feature_set', '-n resolved_breakpoints -v 1');
    }
    let set = 0;
    for (const spec of specs) {
      const r =
        typeof spec === 'string'
          ? await conn.send('breakpoint_set', callBreakpointArgs(spec))
          : await conn.send(
              'breakpoint_set',
              lineBreakpointArgs(spec.file, spec.line),
              spec.closure ? ONCE_PER_CLOSURE_CALL : ONCE_PER_CALL,
            );
      if (!r.error) set++;
    }
    const advance = set > 0 ? 'run' : 'step_into';
    request.strategy = set > 0 ? `breakpoints:${set}` : 'step';
    let levels: StackLevel[] = [];
    let askedInfo = options.requestInfo === false;
    for (;;) {
      if (Date.now() > deadline) {
        reason = 'time_limit';
        break;
      }
      const step = await conn.send(advance);
      steps++;
      if (step.error) throw engineError(step);
      if (step.status === 'stopping' || step.status === 'stopped') {
        reason = step.status;
        break;
      }
      if (!askedInfo) {
        askedInfo = true;
        await describeRequest(conn, request);
      }
      const stack = await conn.send('stack_get');
      if (stack.error) throw engineError(stack);
      const next = diffStack(builder, levels, stack.stack, options.maxDepth);
      const at = Date.now();
      // A call breakpoint always means the top frame was just entered, even from the same place as before.
      const first =
        advance === 'run' && next.firstNew === next.levels.length && stack.stack.length <= options.maxDepth
          ? next.levels.length - 1
          : next.firstNew;
      for (let i = first; i < next.levels.length; i++) {
        recorder.call(next.levels.slice(0, i + 1), request.id, at, effectiveCaller(next.levels, i));
        calls++;
      }
      levels = next.levels;
    }
  } catch (err) {
    error = asError(err);
    reason =
      error.code === 'CLOSED'
        ? 'disconnected'
        : error.details?.limit === 'size'
          ? 'size_limit'
          : 'protocol_error';
  }
  if (!conn.failure) {
    // detach lets the script finish without the debugger, whatever stopped us.
    await conn.send('detach').catch(() => undefined);
  }
  conn.close();
  request.endedAt = Date.now();
  request.status = error ? 'aborted' : reason === 'time_limit' ? 'detached' : 'completed';
  request.reason = error ? `${reason}: ${error.message}` : reason;
  recorder.request(request);
  if (error) logger.warn(`DBGp session ${request.id} ended: ${error.message}`, { reason });
  return error ? { request, steps, calls, reason, error } : { request, steps, calls, reason };
}

async function describeRequest(conn: DbgpConnection, request: RequestInfo): Promise<void> {
  const r = await conn.send('eval', '', REQUEST_EXPR);
  if (r.error || !r.value) return;
  try {
    const [url, method, trigger] = JSON.parse(r.value) as (string | null)[];
    if (url) request.url = url;
    if (method) request.method = method;
    if (trigger) request.trigger = trigger;
  } catch {
    // a non-JSON answer only means we do not learn the URL
  }
}

/** `breakpoint_set` arguments for a call breakpoint on a PHP function or method FQN. */
export function callBreakpointArgs(fqn: string): string {
  const q = (v: string) => (/^[A-Za-z0-9_\\]+$/.test(v) ? v : `"${v.replace(/(["\\])/g, '\\$1')}"`);
  const at = fqn.lastIndexOf('::');
  return at > 0 ? `-t call -a ${q(fqn.slice(0, at))} -m ${q(fqn.slice(at + 2))}` : `-t call -m ${q(fqn)}`;
}

/** `breakpoint_set` arguments for a conditional line breakpoint (the condition goes in the data part). */
export function lineBreakpointArgs(file: string, line: number): string {
  const uri = `file://${file.split('/').map(encodeURIComponent).join('/')}`;
  return `-t conditional -f ${uri} -n ${Math.max(1, Math.trunc(line))}`;
}

function engineError(r: DbgpResponse): CgcError {
  return new CgcError(
    'QUERY_FAILED',
    `DBGp ${r.command} failed: ${r.error?.message ?? ''} (code ${r.error?.code})`,
  );
}

function asError(err: unknown): CgcError {
  return isCgcError(err)
    ? err
    : new CgcError('INTERNAL', err instanceof Error ? err.message : String(err), { cause: err });
}
