import { defineSchema } from '@cgc/core';

/** Labels and relationship types the Xdebug plugin writes (merged with core's on every backend). */
export const XDEBUG_SCHEMA = defineSchema({
  nodes: [
    {
      label: 'StackFrame',
      key: 'id',
      properties: {
        id: 'string',
        function: 'string',
        fqn: 'string',
        class_name: 'string',
        method_name: 'string',
        kind: 'string',
        call_file: 'string',
        call_line: 'int',
        path: 'string',
        line: 'int',
        count: 'int',
        first_seen: 'int',
        last_seen: 'int',
        source: 'string',
      },
      indexes: ['fqn', 'function'],
    },
    {
      label: 'CallChain',
      key: 'id',
      properties: {
        id: 'string',
        frame_ids: 'string[]',
        fqns: 'string[]',
        depth: 'int',
        root: 'string',
        leaf: 'string',
        count: 'int',
        first_seen: 'int',
        last_seen: 'int',
      },
      indexes: ['leaf'],
    },
    {
      label: 'XdebugRequest',
      key: 'id',
      properties: {
        id: 'string',
        source: 'string',
        url: 'string',
        method: 'string',
        trigger: 'string',
        ide_key: 'string',
        app_id: 'string',
        script: 'string',
        started_at: 'int',
        ended_at: 'int',
        calls: 'int',
        status: 'string',
        reason: 'string',
        strategy: 'string',
      },
      indexes: ['url', 'trigger'],
    },
  ],
  relationships: [
    {
      type: 'CALLED_BY',
      from: ['StackFrame'],
      to: ['StackFrame'],
      properties: { count: 'int', last_seen: 'int' },
    },
    { type: 'ENDS_AT', from: ['CallChain'], to: ['StackFrame'], properties: {} },
    { type: 'RAN', from: ['XdebugRequest'], to: ['CallChain'], properties: { count: 'int' } },
    {
      type: 'RESOLVES_TO',
      from: ['StackFrame'],
      // A File for `{main}` and include frames: the script's top-level code.
      to: ['Function', 'File'],
      properties: { match_type: 'string', confidence: 'float' },
    },
  ],
});
