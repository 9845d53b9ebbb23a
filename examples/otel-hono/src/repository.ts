import { SpanKind } from '@opentelemetry/api';
import { callerLocation, inSpan } from './tracing.js';

/** An order as stored. */
export interface Order {
  readonly id: number;
  readonly item: string;
  readonly quantity: number;
}

const orders: Order[] = [];

/** Stores an order; its span carries file and line, as older semantic conventions do. */
export async function saveOrder(item: string, quantity: number): Promise<Order> {
  return inSpan('saveOrder', callerLocation(), async () => {
    const order = { id: orders.length + 1, item, quantity };
    await inSpan(
      'INSERT orders',
      { 'db.system': 'sqlite', 'db.query.text': 'INSERT INTO orders VALUES (?, ?, ?)' },
      () => {
        orders.push(order);
      },
      SpanKind.CLIENT,
    );
    return order;
  });
}

/** Every stored order. */
export function allOrders(): Order[] {
  return [...orders];
}
