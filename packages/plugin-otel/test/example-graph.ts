import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphStore } from '@cgc/core';
import { EXAMPLE_ROOT } from './helpers.js';

// The static graph of examples/otel-hono as the indexer writes it (TS fqn form
// `src/file.ts:Class.member`, absolute paths, line ranges), written directly so that the
// receiver tests do not depend on the indexer's state.
const FUNCTIONS: [file: string, fqn: string, name: string, start: string, closing: string][] = [
  ['src/app.ts', 'src/app.ts:listOrders', 'listOrders', 'export async function listOrders', '}'],
  ['src/app.ts', 'src/app.ts:createOrder', 'createOrder', 'export async function createOrder', '}'],
  ['src/app.ts', 'src/app.ts:createApp', 'createApp', 'export function createApp', '}'],
  ['src/order-service.ts', 'src/order-service.ts:OrderService.create', 'create', '  async create(', '  }'],
  ['src/order-service.ts', 'src/order-service.ts:OrderService.list', 'list', '  list(', '  }'],
  ['src/order-service.ts', 'src/order-service.ts:OrderService.charge', 'charge', '  private charge(', '  }'],
  ['src/repository.ts', 'src/repository.ts:saveOrder', 'saveOrder', 'export async function saveOrder', '}'],
  ['src/repository.ts', 'src/repository.ts:allOrders', 'allOrders', 'export function allOrders', '}'],
];

const CALLS: [string, string][] = [
  ['src/app.ts:createOrder', 'src/order-service.ts:OrderService.create'],
  ['src/app.ts:listOrders', 'src/order-service.ts:OrderService.list'],
  ['src/order-service.ts:OrderService.create', 'src/repository.ts:saveOrder'],
  ['src/order-service.ts:OrderService.create', 'src/order-service.ts:OrderService.charge'],
];

/** The id the fixture gives a function. */
export const exampleFnId = (fqn: string) => `fn:example:${fqn}`;

/** Writes the example's Function, Route, HANDLED_BY and static CALLS into the store. */
export async function writeExampleGraph(store: GraphStore): Promise<void> {
  const rows = FUNCTIONS.map(([file, fqn, name, start, closing]) => {
    const lines = readFileSync(join(EXAMPLE_ROOT, file), 'utf8').split('\n');
    const from = lines.findIndex((l) => l.startsWith(start));
    const to = lines.findIndex((l, i) => i > from && l === closing);
    if (from < 0 || to < 0) throw new Error(`fixture out of date: ${fqn}`);
    return {
      id: exampleFnId(fqn),
      repo: 'repo:example',
      file: `file:example:${file}`,
      name,
      fqn,
      kind: fqn.includes('.') ? 'method' : 'function',
      path: join(EXAMPLE_ROOT, file),
      line_number: from + 1,
      end_line: to + 1,
      lang: 'typescript',
    };
  });
  await store.upsertNodes('Function', rows);
  await store.upsertNodes('Route', [
    {
      id: 'route:get',
      repo: 'repo:example',
      method: 'GET',
      path: '/api/orders',
      framework: 'express',
      handler: 'listOrders',
    },
    {
      id: 'route:post',
      repo: 'repo:example',
      method: 'POST',
      path: '/api/orders',
      framework: 'express',
      handler: 'createOrder',
    },
  ]);
  await store.upsertRelationships('HANDLED_BY', 'Route', 'Function', [
    { from: 'route:get', to: exampleFnId('src/app.ts:listOrders') },
    { from: 'route:post', to: exampleFnId('src/app.ts:createOrder') },
  ]);
  await store.upsertRelationships(
    'CALLS',
    'Function',
    'Function',
    CALLS.map(([a, b]) => ({
      from: exampleFnId(a),
      to: exampleFnId(b),
      properties: { static: true, confidence: 0.9, resolution: 'member' },
    })),
  );
}
