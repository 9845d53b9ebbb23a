/**
 * `int __init setup(void)`, `static void __exit cleanup(void)`, `uLong ZEXPORT zlibCompileFlags(void)`:
 * an attribute macro between a function's return type and its name, before an empty `(void)`
 * parameter list, makes tree-sitter-c read a broken declaration, and the function is lost (the Linux
 * kernel's init and exit functions, zlib's exports). With named parameters the grammar copes. Such a
 * macro (`__` and lower case, or capitals) is blanked before parsing, positions unchanged, when it
 * follows a type word (not a storage class, qualifier or sign and size modifier, which a type may
 * follow) at the start of a line and the function's name follows it.
 */
const ATTRIBUTE_BEFORE_NAME =
  /^([ \t]*(?:(?:static|inline|extern|__inline__|__inline|const|unsigned|signed|long|short)[ \t]+)*(?:(?:struct|union|enum)[ \t]+)?)([A-Za-z_]\w*)([ \t]*\*+[ \t]*|[ \t]+)((?:(?:__[a-z]\w*|[A-Z][A-Z0-9_]*[A-Z0-9])[ \t]+)+)(?=[A-Za-z_]\w*[ \t]*\([ \t]*void[ \t]*\))/gm;

// Words a type may follow, or that are no type.
const NOT_A_TYPE = new Set(
  'static inline extern const volatile register auto typedef unsigned signed long short struct union enum return else case goto sizeof'.split(
    ' ',
  ),
);

// Fixed-width integer types spelled like attributes (`LIBBPF_API __u32 libbpf_major_version(void)`):
// there the word before is the macro, and the grammar copes.
const TYPE_LIKE = /(?:^|[ \t])__(?:[us]\d+|[lb]e\d+|int\d+)[ \t]/;

/** Blanks attribute macros between a return type and the name of a `(void)` function (see above). */
export function blankAttributeMacros(source: string): string {
  if (!/\(\s*void\s*\)/.test(source)) return source;
  return source.replace(
    ATTRIBUTE_BEFORE_NAME,
    (all, lead: string, type: string, gap: string, macros: string) =>
      NOT_A_TYPE.has(type) || TYPE_LIKE.test(macros) ? all : lead + type + gap + ' '.repeat(macros.length),
  );
}

// `lzma_attribute((__noreturn__))`: a macro over `__attribute__`, its argument in double parentheses.
const WRAPPED = String.raw`[A-Za-z_]\w*[ \t]*\(\((?:[^()\n]|\([^()\n]*\))*\)\)`;

// xz's `static void lzma_attribute((__noreturn__))` / `error_lzma_preset(const char *valuestr)`: between
// the return type and the name, the grammar reads a function named after the macro.
const WRAPPED_BEFORE_NAME = new RegExp(
  String.raw`^([ \t]*(?:(?:static|inline|extern|__inline__|__inline|const|unsigned|signed|long|short)[ \t]+)*(?:(?:struct|union|enum)[ \t]+)?)([A-Za-z_]\w*)([ \t]*\*+[ \t]*|[ \t]+)(${WRAPPED})(?=\s*\**\s*[A-Za-z_]\w*[ \t]*\()`,
  'gm',
);

// `const char *valuestr lzma_attribute((__unused__)))`: after a parameter's name, read as a call.
const WRAPPED_AFTER_NAME = new RegExp(String.raw`\b([A-Za-z_]\w*)([ \t]+)(${WRAPPED})(?=[ \t]*[,)])`, 'g');

/**
 * Blanks attribute macros written with double parentheses (`lzma_attribute((__unused__))`) before a
 * function's name or after a parameter's name, where no call can stand (no word precedes a call but a
 * keyword). Positions are unchanged.
 */
export function blankWrappedAttributes(source: string): string {
  if (!hasWrappedCandidate(source)) return source;
  return source
    .replace(WRAPPED_BEFORE_NAME, (all, lead: string, type: string, gap: string, macro: string) =>
      NOT_A_TYPE.has(type) ? all : lead + type + gap + ' '.repeat(macro.length),
    )
    .replace(WRAPPED_AFTER_NAME, (all, word: string, gap: string, macro: string) =>
      NOT_A_TYPE.has(word) || KEYWORD.has(word) ? all : word + gap + ' '.repeat(macro.length),
    );
}

// `LUA_API lua_Unsigned lua_rawlen (lua_State *L, int idx) {`, `XXH_PUBLIC_API XXH_errorcode` / `XXH64_reset (…)`:
// an export macro (capitals) before a return type that is a typedef's name makes the grammar read a
// function named after the type. The macro is blanked where one type word and the name follow it.
const EXPORT_BEFORE_TYPE =
  /^([ \t]*(?:(?:static|inline|extern)[ \t]+)*)([A-Z][A-Z0-9_]*[A-Z0-9])(?=[ \t]+(?:const[ \t]+)?([A-Za-z_]\w*)(?:[ \t]+|[ \t]*\r?\n[ \t]*)[A-Za-z_]\w*[ \t]*\()/gm;

/** Blanks export macros before a function's return type (see above). Positions are unchanged. */
export function blankExportBeforeType(source: string): string {
  return source.replace(EXPORT_BEFORE_TYPE, (all, lead: string, macro: string, type: string) =>
    NOT_A_TYPE.has(type) ? all : lead + ' '.repeat(macro.length),
  );
}

const isWord = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
const isGap = (c: number) => c === 32 || c === 9 || c === 42; // space, tab, `*`

/**
 * Whether some `((` follows a word that follows a gap after another word, not one the patterns above
 * leave alone (what a blanking needs): the patterns start at every word of a file, this looks only at
 * the file's `((`.
 */
function hasWrappedCandidate(source: string): boolean {
  for (let i = source.indexOf('(('); i >= 0; i = source.indexOf('((', i + 2)) {
    let j = i - 1;
    while (j >= 0 && (source.charCodeAt(j) === 32 || source.charCodeAt(j) === 9)) j--;
    const wordEnd = j;
    while (j >= 0 && isWord(source.charCodeAt(j))) j--;
    if (j === wordEnd) continue;
    const gapEnd = j;
    while (j >= 0 && isGap(source.charCodeAt(j))) j--;
    if (j === gapEnd || j < 0 || !isWord(source.charCodeAt(j))) continue;
    const end = j + 1;
    while (j >= 0 && isWord(source.charCodeAt(j))) j--;
    // Both patterns leave the text as it is after these words (`else if ((…))`, `return f((…))`).
    const before = source.slice(j + 1, end);
    if (!NOT_A_TYPE.has(before) && !KEYWORD.has(before)) return true;
  }
  return false;
}

// Words a call may follow.
const KEYWORD = new Set(['do', 'else', 'case', 'goto', 'return', 'sizeof', 'typeof', '__typeof__']);

// `class GTEST_API_ Message {`: an export macro (all capitals) between the keyword and the name
// makes the grammar read a function named Message whose body is the class. Not `final`, not a
// qualified name (`class A B::f()` returns a class), not `struct stat st{}` (lower case).
const EXPORT_MACRO =
  /\b(class|struct|union)(\s+)([A-Z_][A-Z0-9_]*)(?=\s+(?!final\b)[A-Za-z_]\w*\s*(?:final\s*)?(?::(?!:)|\{))/g;

/** Blanks export macros in class heads (same length: positions are unchanged). */
export function blankExportMacros(source: string): string {
  return source.replace(
    EXPORT_MACRO,
    (_, kw: string, ws: string, macro: string) => kw + ws + ' '.repeat(macro.length),
  );
}
