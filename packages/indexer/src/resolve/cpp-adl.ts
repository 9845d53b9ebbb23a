import type { FnSym } from './symbols.js';

// Types that belong to no namespace: argument-dependent lookup gathers none from them.
const FUNDAMENTAL = new Set(
  [
    'void bool char wchar_t char8_t char16_t char32_t short int long float double signed unsigned',
    'const volatile size_t ssize_t ptrdiff_t intptr_t uintptr_t int8_t int16_t int32_t int64_t',
    'uint8_t uint16_t uint32_t uint64_t std',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Whether argument-dependent lookup may find `fn` for a call with `argc` arguments. It adds the
 * namespaces of the arguments' classes; a function whose every parameter is a fundamental type
 * (`name(const char* src)`), pointers and references to one included, is reached through none of
 * them (short of a class with a conversion operator). Unknown when a parameter is unnamed (not
 * recorded) or untyped.
 */
export function adlMayFind(fn: FnSym, argc: number): boolean {
  const params = fn.ir.params;
  if (params.length === 0 || params.length < argc) return true;
  return params.some((p) => !p.type || !isFundamental(p.type));
}

function isFundamental(type: string): boolean {
  const words = type
    .replace(/[*&]/g, ' ')
    .split(/[\s:]+/)
    .filter(Boolean);
  return words.length > 0 && words.every((w) => FUNDAMENTAL.has(w));
}
