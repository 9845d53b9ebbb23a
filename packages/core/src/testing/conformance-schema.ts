import { defineSchema } from '../schema.js';

/** The schema the conformance suite writes; labels are prefixed so they never collide with real data. */
export const CONFORMANCE_SCHEMA = defineSchema({
  nodes: [
    {
      label: 'ConfItem',
      key: 'id',
      properties: {
        id: 'string',
        suite: 'string',
        scope: 'string',
        name: 'string',
        n: 'int',
        f: 'float',
        b: 'boolean',
        tags: 'string[]',
        nums: 'int[]',
        meta: 'json',
      },
      indexes: ['name', 'scope'],
    },
    { label: 'ConfOther', key: 'id', properties: { id: 'string', suite: 'string', scope: 'string' } },
  ],
  relationships: [
    {
      type: 'CONF_LINK',
      from: ['ConfItem'],
      to: ['ConfItem', 'ConfOther'],
      properties: { weight: 'float', since: 'int', note: 'string' },
    },
    {
      type: 'CONF_SEEN',
      from: ['ConfItem'],
      to: ['ConfItem'],
      properties: { note: 'string', seen: 'boolean', count: 'int', label: 'string' },
      defaults: { seen: false, count: 0, label: "it's new" },
    },
  ],
});
