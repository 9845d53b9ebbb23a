import { describe, expect, it } from 'vitest';
import { parseFrameName } from './frame-name.js';

describe('parseFrameName', () => {
  it('maps instance and static methods to the indexer FQN Ns\\Cls::m', () => {
    expect(parseFrameName('Shop\\Services\\OrderService->total')).toMatchObject({
      kind: 'method',
      className: 'Shop\\Services\\OrderService',
      method: 'total',
      fqn: 'Shop\\Services\\OrderService::total',
    });
    expect(parseFrameName('Shop\\Support\\Str::upper')).toMatchObject({
      kind: 'static',
      fqn: 'Shop\\Support\\Str::upper',
    });
  });

  it('keeps namespaced functions, closures with their place, {main}, includes and internals', () => {
    expect(parseFrameName('Shop\\Support\\factorial')).toMatchObject({
      kind: 'function',
      fqn: 'Shop\\Support\\factorial',
      method: 'factorial',
    });
    expect(parseFrameName('Shop\\Services\\{closure:/app/src/OrderService.php:23-23}')).toMatchObject({
      kind: 'closure',
      fqn: '',
      closure: { file: '/app/src/OrderService.php', start: 23, end: 23 },
    });
    expect(parseFrameName('{main}')).toMatchObject({ kind: 'main', fqn: '' });
    expect(parseFrameName('require_once /app/x.php')).toMatchObject({ kind: 'include', fqn: '' });
    expect(parseFrameName('array_map', true)).toMatchObject({ kind: 'internal', fqn: 'array_map' });
  });
});
