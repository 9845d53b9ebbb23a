import type { Language, Tree } from 'web-tree-sitter';
import { Parser } from 'web-tree-sitter';
import type { FileIR } from '../ir.js';
import type { FileContext, LanguageSpec } from '../languages/types.js';
import { FileBuilder } from './builder.js';
import { syntaxErrors } from './helpers.js';
import { captureQuery, walkCaptures, walkTree } from './walk.js';

const parsers = new WeakMap<Language, Parser>();

/** Options of {@link extractSource}. */
export interface ExtractOptions {
  readonly storeSource?: boolean;
}

/**
 * Parses one file's text and extracts its IR. Pure: no file system, no graph;
 * a syntax error still yields what could be extracted, plus its position.
 */
export function extractSource(
  spec: LanguageSpec,
  language: Language,
  source: string,
  ctx: FileContext,
  options: ExtractOptions = {},
): FileIR {
  let text = spec.prepare?.(source) ?? source;
  const builder = () =>
    new FileBuilder(
      ctx.path,
      spec.id,
      spec.style,
      options.storeSource ?? false,
      text === source ? undefined : source,
    );
  if (spec.treeless?.(text)) {
    const b = builder();
    b.ir.lines = lineCount(source);
    spec.begin?.(b, ctx);
    b.ir.errors = [];
    spec.finish?.(b.ir, text);
    return b.ir;
  }
  const parser = parserFor(language);
  let tree = parser.parse(text);
  if (!tree) throw new Error(`tree-sitter returned no tree for ${ctx.path}`);
  if (spec.repair && tree.rootNode.hasError) {
    const repaired = repairedParse(parser, spec.repair, text, tree);
    if (repaired) {
      tree.delete();
      ({ text, tree } = repaired);
    }
  }
  try {
    const b = builder();
    b.ir.lines = source.length === 0 ? 0 : tree.rootNode.endPosition.row + (source.endsWith('\n') ? 0 : 1);
    spec.begin?.(b, ctx);
    if (spec.nodeTypes) {
      const query = captureQuery(
        language,
        spec.id,
        [...spec.nodeTypes, ...spec.complexity],
        spec.queryPatterns,
      );
      walkCaptures(tree, b, spec.enter, spec.complexity, query);
    } else walkTree(tree, b, spec.enter, spec.complexity);
    b.ir.errors = syntaxErrors(tree);
    spec.finish?.(b.ir, text);
    return b.ir;
  } finally {
    tree.delete();
  }
}

/** This thread's parser for a grammar (one per grammar, reused for every file). */
export function parserFor(language: Language): Parser {
  let parser = parsers.get(language);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(language);
    parsers.set(language, parser);
  }
  return parser;
}

/** The parse of the repaired text when it has fewer error sites than `tree`'s (else undefined). */
function repairedParse(
  parser: Parser,
  repair: (text: string) => string,
  text: string,
  tree: Tree,
): { text: string; tree: Tree } | undefined {
  const fixed = repair(text);
  if (fixed === text) return undefined;
  const again = parser.parse(fixed);
  if (!again) return undefined;
  if (syntaxErrors(again, ERROR_SITES).length < syntaxErrors(tree, ERROR_SITES).length)
    return { text: fixed, tree: again };
  again.delete();
  return undefined;
}

// Enough error sites to tell two parses of one file apart.
const ERROR_SITES = 10_000;

/** Lines as the tree counts them: its last row, plus one when the text does not end with a newline. */
function lineCount(source: string): number {
  if (source.length === 0) return 0;
  let rows = 0;
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) rows++;
  return rows + (source.endsWith('\n') ? 0 : 1);
}
