"""Order use cases, instrumented the way Python auto-instrumentations report code locations."""
import inspect

from opentelemetry import trace

tracer = trace.get_tracer("example-otel-python")


def _code(fn):
    """Old semantic conventions: code.namespace/code.function and code.filepath/code.lineno."""
    qual = fn.__qualname__.rsplit(".", 1)
    attrs = {
        "code.function": qual[-1],
        "code.filepath": inspect.getsourcefile(fn),
        "code.lineno": inspect.getsourcelines(fn)[1],
    }
    if len(qual) == 2:
        attrs["code.namespace"] = f"{fn.__module__}.{qual[0]}"
    return attrs


class OrderService:
    def __init__(self):
        self.orders = []

    def list_orders(self):
        with tracer.start_as_current_span("OrderService.list_orders", attributes=_code(OrderService.list_orders)):
            return list(self.orders)

    def create_order(self, item):
        with tracer.start_as_current_span("OrderService.create_order", attributes=_code(OrderService.create_order)):
            order = {"id": len(self.orders) + 1, "item": item}
            self.orders.append(order)
            with tracer.start_as_current_span(
                "INSERT orders", kind=trace.SpanKind.CLIENT, attributes={"db.system": "postgresql"}
            ):
                pass
            return order
