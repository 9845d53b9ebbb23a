/**
 * Same-length rewrites of TypeScript that tree-sitter-typescript 0.23 cannot parse but TypeScript
 * compiles. Extraction tries them only on a file whose parse has errors, and keeps the rewrite
 * when it parses with fewer (see LanguageSpec.repair): a file that parses is never touched.
 */

// A comment on lines of its own: `/** … */` (never past its own `*/`) or `// …` to the end of its
// line. Each matches one way only: a `//////////` banner read as several `//` comments backtracks
// exponentially (zod's `schemas.ts` never finished).
const COMMENT = String.raw`(?:\/\*(?:[^*]|\*(?!\/))*\*\/|\/\/[^\n]*(?![^\n]))`;

// A generic call signature that starts a line (`<A, B>(` or a `<` whose type parameters follow on
// the next lines), after a member whose line ends without `;` — past blank lines and comments
// (effect documents every overload of its `dual` APIs). The member may end with a type argument's
// `>`, but not with an arrow's `=>`: `(run) =>\n <A>(x: A) => …` is a generic arrow function.
const GENERIC_CALL_SIGNATURE = new RegExp(
  String.raw`((?:[\w$\])?]|(?<!=)>))([ \t]*\r?\n(?:[ \t]*${COMMENT}?[ \t]*\r?\n)*[ \t]*)[ \t]` +
    String.raw`(?=<(?:[A-Za-z_$][^\n]*?>[ \t]*\(|[ \t]*\r?\n[ \t]*[A-Za-z_$][\w$]*[ \t]*(?:,|extends\b|=|\r?\n)))`,
  'g',
);

/**
 * tree-sitter-typescript reads the `<` of such a signature as type arguments of the member above
 * (TypeScript does not, across a line break) and loses the rest of the file. A `;` in place of the
 * last indentation character separates the members as TypeScript does. Not for TSX, where a line
 * may start with an element (`<b>(note)</b>`).
 */
export function separateCallSignatures(source: string): string {
  return source.includes('<') ? source.replace(GENERIC_CALL_SIGNATURE, '$1$2;') : source;
}

// `in`, `out` or `in out` before a type parameter (TypeScript 4.7 variance annotations), right
// after the `<` or `,` of its list (comments aside): nowhere else can `in`/`out` and a name follow those.
const VARIANCE = new RegExp(
  String.raw`([<,](?:[ \t\r\n]|${COMMENT})*)((?:in[ \t\r\n]+out|in|out)[ \t\r\n]+)` +
    String.raw`(?=[A-Za-z_$][\w$]*[ \t\r\n]*(?:[,>=]|extends\b))`,
  'g',
);

/** `interface Cache<in out K, out E = never>`: the grammar knows no variance; blanked (line breaks kept). */
export function blankVariance(source: string): string {
  return /\b(?:in|out)\s/.test(source)
    ? source.replace(
        VARIANCE,
        (_, head: string, modifier: string) => head + modifier.replace(/[^\r\n]/g, ' '),
      )
    : source;
}

/** Both rewrites, for `.ts` files. */
export const repairTypeScript = (source: string): string => separateCallSignatures(blankVariance(source));
