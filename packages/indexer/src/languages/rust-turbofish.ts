/**
 * A Rust path or call chain without its turbofish arguments (`SmallVec::<[u8; 2]>::new` →
 * `SmallVec::new`, `v.iter().collect::<Vec<_>>()` → `v.iter().collect()`): the generic arguments
 * choose an instance, never which item a name is, so receivers are read as if they were not written.
 * A `->` inside them (`map::<fn() -> u8>`) closes nothing.
 */
export function withoutTurbofish(text: string): string {
  if (!text.includes('::<')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (!text.startsWith('::<', i)) {
      out += text[i];
      continue;
    }
    let depth = 0;
    let j = i + 2;
    for (; j < text.length; j++) {
      const ch = text[j];
      if (ch === '<') depth++;
      else if (ch === '>' && text[j - 1] !== '-' && --depth === 0) break;
    }
    // unbalanced: keep the rest as written
    if (j >= text.length) return out + text.slice(i);
    i = j;
  }
  return out;
}
