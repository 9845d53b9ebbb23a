import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';

describe('example orders app', () => {
  it('creates and lists orders (spans are no-ops without a tracer provider)', async () => {
    const charged: number[] = [];
    const app = createApp(async (_ctx, amount) => {
      charged.push(amount);
    });
    const created = await app.request('/api/orders', {
      method: 'POST',
      body: JSON.stringify({ item: 'pen', quantity: 2 }),
    });
    expect(created.status).toBe(201);
    expect(await (await app.request('/api/orders')).json()).toEqual([{ id: 1, item: 'pen', quantity: 2 }]);
    expect(charged).toEqual([20]);
  });
});
