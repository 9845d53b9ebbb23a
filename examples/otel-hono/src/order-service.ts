import { type Context, SpanKind } from '@opentelemetry/api';
import { allOrders, type Order, saveOrder } from './repository.js';
import { activeContext, inSpan } from './tracing.js';

/** Sends a charge to the payments service; the transport is injected (HTTP in production). */
export type PaymentTransport = (ctx: Context, amount: number) => Promise<void>;

/** Order use cases; each method reports its qualified name like an auto-instrumentation would. */
export class OrderService {
  constructor(private readonly pay: PaymentTransport) {}

  async create(item: string, quantity: number): Promise<Order> {
    return inSpan('OrderService.create', { 'code.function.name': 'OrderService.create' }, async () => {
      const order = await saveOrder(item, quantity);
      await this.charge(quantity * 10);
      return order;
    });
  }

  list(): Promise<Order[]> {
    return inSpan('OrderService.list', { 'code.namespace': 'OrderService', 'code.function': 'list' }, () =>
      allOrders(),
    );
  }

  private charge(amount: number): Promise<void> {
    return inSpan(
      'POST /charge',
      { 'server.address': 'payments.internal', 'http.request.method': 'POST' },
      () => this.pay(activeContext(), amount),
      SpanKind.CLIENT,
    );
  }
}
