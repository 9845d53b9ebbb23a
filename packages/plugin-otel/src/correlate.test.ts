import { describe, expect, it } from 'vitest';
import { correlate } from './correlate.js';
import { fqnParts, normaliseRoute } from './fqn.js';
import { FunctionIndex, type IndexedFunction } from './function-index.js';
import { mapPath, parsePathMappings } from './path-mapping.js';
import type { SpanRecord } from './span-record.js';

const fns: IndexedFunction[] = [
  {
    id: 'php1',
    fqn: 'App\\Http\\Controllers\\OrderController::store',
    name: 'store',
    path: '/repo/app/Http/Controllers/OrderController.php',
    line: 10,
    end: 30,
  },
  {
    id: 'php2',
    fqn: 'App\\Http\\Controllers\\UserController::store',
    name: 'store',
    path: '/repo/app/Http/Controllers/UserController.php',
    line: 5,
    end: 9,
  },
  {
    id: 'py1',
    fqn: 'app.services.order_service.OrderService.list_orders',
    name: 'list_orders',
    path: '/repo/app/services/order_service.py',
    line: 20,
    end: 40,
  },
  {
    id: 'py2',
    fqn: 'app.services.order_service.OrderService.list_orders.inner',
    name: 'inner',
    path: '/repo/app/services/order_service.py',
    line: 25,
    end: 28,
  },
  {
    id: 'java1',
    fqn: 'com.example.app.service.GreetingService.greet',
    name: 'greet',
    path: '/repo/src/main/java/com/example/app/service/GreetingService.java',
    line: 12,
    end: 18,
  },
  {
    id: 'ts1',
    fqn: 'src/services/dashboard.ts:DashboardService.getDashboard',
    name: 'getDashboard',
    path: '/repo/src/services/dashboard.ts',
    line: 3,
    end: 9,
  },
];
const index = new FunctionIndex(fns, [{ method: 'POST', path: '/api/orders/{order}', functionId: 'php1' }]);

function span(attributes: Record<string, unknown>, kind: SpanRecord['kind'] = 'INTERNAL'): SpanRecord {
  return {
    spanId: '1'.repeat(16),
    traceId: '2'.repeat(32),
    name: 'x',
    kind,
    service: { name: 's' },
    startNs: 0n,
    endNs: 1n,
    statusCode: 'UNSET',
    attributes: attributes as SpanRecord['attributes'],
    events: [],
    links: [],
  };
}

describe('fqn parts', () => {
  it('splits every language form into comparable parts', () => {
    expect(fqnParts('App\\Http\\OrderController::store')).toEqual([
      'App',
      'Http',
      'OrderController',
      'store',
    ]);
    expect(fqnParts('a.b.C.m')).toEqual(['a', 'b', 'C', 'm']);
    expect(fqnParts('com.x.Greeting#greet')).toEqual(['com', 'x', 'Greeting', 'greet']);
    expect(fqnParts('src/services/dash.ts:Dash.get')).toEqual(['src', 'services', 'dash', 'Dash', 'get']);
  });
  it('normalises route templates', () => {
    expect(normaliseRoute('/users/:id')).toBe('/users/{}');
    expect(normaliseRoute('/users/{id}/')).toBe('/users/{}');
    expect(normaliseRoute('users/<int:id>')).toBe('/users/{}');
  });
});

describe('correlation', () => {
  it('matches an exact fqn in any language form', () => {
    expect(
      correlate(span({ 'code.function.name': 'App\\Http\\Controllers\\OrderController::store' }), index, []),
    ).toEqual({
      functionId: 'php1',
      strategy: 'fqn',
      confidence: 1,
    });
    expect(
      correlate(
        span({ 'code.namespace': 'com.example.app.service.GreetingService', 'code.function': 'greet' }),
        index,
        [],
      )?.functionId,
    ).toBe('java1');
    expect(
      correlate(
        span({ 'code.function.name': 'src/services/dashboard.ts:DashboardService.getDashboard' }),
        index,
        [],
      )?.strategy,
    ).toBe('fqn');
  });

  it('matches a unique suffix, and refuses an ambiguous one', () => {
    expect(correlate(span({ 'code.function.name': 'OrderService.list_orders' }), index, [])).toMatchObject({
      functionId: 'py1',
      strategy: 'fqn_suffix',
    });
    expect(
      correlate(span({ 'code.function.name': 'DashboardService.getDashboard' }), index, [])?.functionId,
    ).toBe('ts1');
    expect(correlate(span({ 'code.function': 'store' }), index, [])).toBeUndefined();
  });

  it('matches file and line through path mappings, to the innermost function', () => {
    const mappings = parsePathMappings('/srv/app=/repo');
    expect(mapPath('/srv/app/app/services/order_service.py', mappings)).toBe(
      '/repo/app/services/order_service.py',
    );
    const c = correlate(
      span({ 'code.file.path': '/srv/app/app/services/order_service.py', 'code.line.number': 26 }),
      index,
      mappings,
    );
    expect(c).toEqual({ functionId: 'py2', strategy: 'file_line', confidence: 0.95 });
    const old = correlate(
      span({ 'code.filepath': '/srv/app/app/services/order_service.py', 'code.lineno': 21 }),
      index,
      mappings,
    );
    expect(old?.functionId).toBe('py1');
  });

  it('matches an unmapped container path by its longest unique tail', () => {
    const c = correlate(
      span({ 'code.filepath': '/var/www/app/Http/Controllers/UserController.php', 'code.lineno': 6 }),
      index,
      [],
    );
    expect(c).toMatchObject({ functionId: 'php2', strategy: 'file_line' });
    expect(c!.confidence).toBeLessThan(0.95);
  });

  it('uses the file to choose among ambiguous names', () => {
    const c = correlate(
      span({ 'code.function': 'store', 'code.filepath': '/repo/app/Http/Controllers/UserController.php' }),
      index,
      [],
    );
    expect(c).toMatchObject({ functionId: 'php2' });
  });

  it('matches a SERVER span by route and method', () => {
    const s = span({ 'http.route': '/api/orders/:order', 'http.request.method': 'POST' }, 'SERVER');
    expect(correlate(s, index, [])).toEqual({ functionId: 'php1', strategy: 'route', confidence: 0.9 });
    expect(
      correlate(span({ 'http.route': '/api/orders/:order', 'http.method': 'GET' }, 'SERVER'), index, []),
    ).toBeUndefined();
    expect(
      correlate(span({ 'http.route': '/api/orders/:order', 'http.method': 'POST' }, 'CLIENT'), index, []),
    ).toBeUndefined();
  });

  it('leaves spans without evidence unmatched', () => {
    expect(correlate(span({ 'code.function.name': 'Nope.nothing' }), index, [])).toBeUndefined();
    expect(correlate(span({ 'code.filepath': '/x/y.py', 'code.lineno': 3 }), index, [])).toBeUndefined();
  });
});
