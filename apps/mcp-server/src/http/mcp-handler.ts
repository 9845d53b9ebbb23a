import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { jsonResponse, readBodyLimited, rpcError } from './guards.js';
import type { McpServerPool } from './server-pool.js';

/** JSON-RPC error codes used at the HTTP edge. */
export const RPC = { parse: -32700, invalidRequest: -32600, internal: -32603, server: -32000 } as const;

function wantsProgress(body: unknown): boolean {
  const messages = Array.isArray(body) ? body : [body];
  return messages.some((m) => {
    const meta = (m as { params?: { _meta?: { progressToken?: unknown } } } | null)?.params?._meta;
    return meta?.progressToken !== undefined;
  });
}

/**
 * Handles one `POST /mcp` statelessly: a fresh transport and an unshared MCP server per
 * request (the SDK's stateless transport cannot be reused), a JSON response, or an SSE
 * stream when the client sent a progress token and so expects notifications before the result.
 */
export async function handleMcpPost(
  pool: McpServerPool,
  req: Request,
  options: { maxBodyBytes: number },
): Promise<Response> {
  const body = await readBodyLimited(req, options.maxBodyBytes);
  if (!body.ok) {
    return jsonResponse(
      413,
      rpcError(RPC.invalidRequest, `request body larger than ${options.maxBodyBytes} bytes`),
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch {
    return jsonResponse(400, rpcError(RPC.parse, 'Parse error: the body is not valid JSON'));
  }
  if (typeof parsed !== 'object' || parsed === null) {
    return jsonResponse(
      400,
      rpcError(RPC.invalidRequest, 'Invalid Request: expected a JSON-RPC object or array'),
    );
  }
  const stream = wantsProgress(parsed) && (req.headers.get('accept') ?? '').includes('text/event-stream');
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: !stream,
  });
  const server = await pool.acquire();
  await server.connect(transport);
  let released = false;
  const dispose = () => {
    if (released) return;
    released = true;
    void pool.release(server);
  };
  let response: Response;
  try {
    response = await transport.handleRequest(req, { parsedBody: parsed });
  } catch (err) {
    dispose();
    throw err;
  }
  if (!response.body || !(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    dispose();
    return response;
  }
  // The SSE stream outlives this function: release the server once it has been sent.
  const done = new TransformStream<Uint8Array, Uint8Array>({ flush: dispose });
  void response.body.pipeTo(done.writable).catch(dispose);
  return new Response(done.readable, { status: response.status, headers: response.headers });
}
