import type { CgcPlugin } from '../plugin.js';
import { CORE_VERSION } from '../version.js';
import {
  analyzeCommand,
  complexityCommand,
  deadCodeCommand,
  findCommand,
  queryCommand,
} from './cli-commands.js';
import { deleteCommand, listCommand, statsCommand } from './cli-repo-commands.js';

/**
 * The core queries as a builtin plugin: `cgc find`, `analyze`, `dead-code`, `complexity`, `stats`,
 * `list`, `delete` and `query`, each a thin wrapper over the functions MCP tools call too.
 */
export function queriesPlugin(): CgcPlugin {
  return {
    name: 'queries',
    version: CORE_VERSION,
    commands: [
      findCommand,
      analyzeCommand,
      deadCodeCommand,
      complexityCommand,
      statsCommand,
      listCommand,
      deleteCommand,
      queryCommand,
    ],
  };
}
