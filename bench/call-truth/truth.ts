/** What a compiler resolves one call site to. */
export interface Truth {
  /**
   * `project`: a declaration with a body in the project; `abstract`: an interface or abstract
   * member (the call dispatches); `library`: outside the project; `unresolved`: nothing.
   */
  readonly kind: 'project' | 'abstract' | 'library' | 'unresolved';
  /** "path:line" of the target's declaration, relative to the project root. */
  readonly target?: string;
  /** Other declarations that count as this call's target (a runtime truth's overridden and interface members). */
  readonly accepts?: readonly string[];
}

/** Call site ("path:line", relative to the project root) → what the compiler resolves there. */
export type TruthMap = Map<string, Truth[]>;

export function addTruth(map: TruthMap, site: string, t: Truth): void {
  const list = map.get(site);
  if (list) list.push(t);
  else map.set(site, [t]);
}

/** Reads a truth program's output: one "site<TAB>kind<TAB>target" line per call target. */
export function parseTruth(text: string): TruthMap {
  const truth: TruthMap = new Map();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [site, kind, target] = line.split('\t') as [string, Truth['kind'], string];
    addTruth(truth, site, target ? { kind, target } : { kind });
  }
  return truth;
}
