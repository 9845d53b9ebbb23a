import { join } from 'node:path';
import type { GraphStore } from '@cgc/core';
import { EXAMPLES } from './php.js';

/** Root of the PHP fixture project. */
export const SHOP_ROOT = join(EXAMPLES, 'php-shop');

type Fn = [fqn: string, rel: string, start: number, end: number, kind: string];

// What the indexer writes for examples/php-shop (PHP FQNs `Ns\Cls::m`, functions `Ns\fn`).
const FUNCTIONS: Fn[] = [
  ['main', 'bin/run.php', 16, 27, 'function'],
  ['Shop\\Domain\\PriceRule::apply', 'src/Domain/PriceRule.php', 7, 7, 'method'],
  ['Shop\\Domain\\Discount::__construct', 'src/Domain/Discount.php', 7, 9, 'constructor'],
  ['Shop\\Domain\\Discount::apply', 'src/Domain/Discount.php', 11, 14, 'method'],
  ['Shop\\Support\\Loggable::log', 'src/Support/Loggable.php', 9, 12, 'method'],
  ['Shop\\Support\\Loggable::lines', 'src/Support/Loggable.php', 14, 17, 'method'],
  ['Shop\\Support\\Str::upper', 'src/Support/Str.php', 7, 10, 'method'],
  ['Shop\\Support\\factorial', 'src/Support/helpers.php', 5, 11, 'function'],
  ['Shop\\Services\\OrderService::__construct', 'src/Services/OrderService.php', 16, 19, 'constructor'],
  ['Shop\\Services\\OrderService::total', 'src/Services/OrderService.php', 21, 26, 'method'],
  ['Shop\\Services\\{closure}', 'src/Services/OrderService.php', 23, 23, 'closure'],
  ['Shop\\Services\\OrderService::price', 'src/Services/OrderService.php', 28, 34, 'method'],
  ['Shop\\Services\\OrderService::checkout', 'src/Services/OrderService.php', 36, 45, 'method'],
  ['Shop\\Services\\OrderService::validate', 'src/Services/OrderService.php', 47, 52, 'method'],
  ['Shop\\Services\\OrderService::unused', 'src/Services/OrderService.php', 54, 57, 'method'],
];

// Static CALLS a PHP indexer finds (note: price -> the interface method, not Discount::apply).
const STATIC_CALLS: [string, string][] = [
  ['main', 'Shop\\Services\\OrderService::checkout'],
  ['main', 'Shop\\Support\\factorial'],
  ['main', 'Shop\\Support\\Loggable::lines'],
  ['Shop\\Services\\OrderService::checkout', 'Shop\\Services\\OrderService::validate'],
  ['Shop\\Services\\OrderService::checkout', 'Shop\\Services\\OrderService::total'],
  ['Shop\\Services\\OrderService::checkout', 'Shop\\Support\\Loggable::log'],
  ['Shop\\Services\\OrderService::total', 'Shop\\Support\\Loggable::log'],
  ['Shop\\Services\\OrderService::price', 'Shop\\Domain\\PriceRule::apply'],
  ['Shop\\Support\\Loggable::log', 'Shop\\Support\\Str::upper'],
  ['Shop\\Support\\factorial', 'Shop\\Support\\factorial'],
];

/** The Function id the seed uses for an FQN. */
export const fnId = (fqn: string) => `fn:shop:${fqn}`;

/** Writes the fixture's Function nodes and static CALLS edges, as the indexer would. */
export async function seedShopFunctions(store: GraphStore, root = SHOP_ROOT): Promise<void> {
  await store.upsertNodes(
    'Function',
    FUNCTIONS.map(([fqn, rel, start, end, kind]) => ({
      id: fnId(fqn),
      repo: 'repo:shop',
      file: rel,
      name: fqn.slice(Math.max(fqn.lastIndexOf('\\'), fqn.lastIndexOf(':')) + 1),
      path: join(root, rel),
      line_number: start,
      end_line: end,
      lang: 'php',
      fqn,
      kind,
    })),
  );
  await store.upsertRelationships(
    'CALLS',
    'Function',
    'Function',
    STATIC_CALLS.map(([a, b]) => ({
      from: fnId(a),
      to: fnId(b),
      properties: { static: true, resolution: 'scoped', confidence: 0.9 },
    })),
  );
}
