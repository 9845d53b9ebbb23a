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
