import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI_COMMAND, type TempProject } from './temp-project.js';

/** Starts `cgc mcp start` in the project and connects the SDK's own client over stdio. */
export async function connectStdio(project: TempProject, env: NodeJS.ProcessEnv = {}) {
  const transport = new StdioClientTransport({
    command: CLI_COMMAND.command,
    args: [...CLI_COMMAND.args, 'mcp', 'start'],
    cwd: project.dir,
    env: { ...project.env, ...env } as Record<string, string>,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const client = new Client({ name: 'cgc-acceptance', version: '0.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}
