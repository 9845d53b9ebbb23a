import { isCgcError } from '@cgc/core';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** JSON.stringify replacer: bigints become numbers when exact, else decimal strings. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  return value;
}

/** A handler's return value as an MCP result: JSON text, plus structured content when the tool declares output. */
export function toToolResult(value: unknown, structured: boolean): CallToolResult {
  const text = JSON.stringify(value === undefined ? null : value, jsonReplacer, 2);
  const result: CallToolResult = { content: [{ type: 'text', text }] };
  if (structured && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    // Round-trip so the structured copy holds the same JSON-safe values as the text.
    result.structuredContent = JSON.parse(text) as Record<string, unknown>;
  }
  return result;
}

/**
 * A thrown error as an MCP tool error: one line, the cgc code when there is one, never
 * a stack trace. Errors without a code are bugs in a tool, said as such.
 */
export function toToolError(toolName: string, err: unknown): CallToolResult {
  let text: string;
  if (isCgcError(err)) text = `${err.code}: ${oneLine(err.message)}`;
  else {
    const message = err instanceof Error ? err.message : String(err);
    text = `INTERNAL: tool ${toolName} failed unexpectedly: ${oneLine(message)}`;
  }
  return { content: [{ type: 'text', text }], isError: true };
}

function oneLine(s: string): string {
  return s
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .slice(0, 1000);
}
