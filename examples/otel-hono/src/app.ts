import { type Context, Hono } from 'hono';
import { OrderService, type PaymentTransport } from './order-service.js';
import { serverSpans } from './tracing.js';

export type { PaymentTransport } from './order-service.js';
export { CONTAINER_ROOT } from './tracing.js';

type Env = { Variables: { orders: OrderService } };

/** GET /api/orders */
export async function listOrders(c: Context<Env>) {
  return c.json(await c.get('orders').list());
}

/** POST /api/orders */
export async function createOrder(c: Context<Env>) {
  const body = (await c.req.json().catch(() => ({}))) as { item?: string; quantity?: number };
  const order = await c.get('orders').create(body.item ?? 'widget', body.quantity ?? 1);
  return c.json(order, 201);
}

/** Builds the orders API; spans go to whatever tracer provider is registered globally. */
export function createApp(pay: PaymentTransport = async () => undefined): Hono<Env> {
  const service = new OrderService(pay);
  const app = new Hono<Env>();
  app.use('*', serverSpans);
  app.use('*', async (c, next) => {
    c.set('orders', service);
    await next();
  });
  app.get('/api/orders', listOrders);
  app.post('/api/orders', createOrder);
  app.get('/health', (c) => c.text('ok'));
  return app;
}
