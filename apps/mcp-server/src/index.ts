export { createHttpApp, type HttpAppOptions } from './http/app.js';
export { decodeGraphJson, encodeGraphJson, GRAPH_RPC_PATH, mountGraphRpc } from './http/graph-rpc.js';
export { checkHealth, type Health } from './http/health.js';
export { createRemoteAdapter, type RemoteGraphOptions } from './http/remote-adapter.js';
export { type HttpServeOptions, type HttpServer, serveHttp } from './http/serve-http.js';
export { createMcpServer, type McpServerOptions, TOOL_META } from './server.js';
export { type StdioOptions, type StdioServer, serveStdio } from './stdio.js';
export { jsonReplacer, toToolError, toToolResult } from './tool-result.js';
