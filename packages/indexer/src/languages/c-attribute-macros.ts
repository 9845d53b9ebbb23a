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
  if (!source.includes('((')) return source;
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
