"""Sends a few requests' worth of spans to an OTLP endpoint, then exits.

    OTLP_PROTOCOL=http/protobuf|grpc OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 python -m app.main
"""
import os

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

from app.services.order_service import OrderService


def exporter():
    endpoint = os.environ["OTEL_EXPORTER_OTLP_ENDPOINT"]
    if os.environ.get("OTLP_PROTOCOL") == "grpc":
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter(endpoint=endpoint, insecure=True)
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter(endpoint=f"{endpoint}/v1/traces")


def main():
    provider = TracerProvider(
        resource=Resource.create({"service.name": "orders-py", "service.version": "2.0", "deployment.environment": "test"})
    )
    provider.add_span_processor(BatchSpanProcessor(exporter()))
    trace.set_tracer_provider(provider)
    tracer = trace.get_tracer("example-otel-python")
    service = OrderService()
    for route, method, call in (
        ("/orders", "POST", lambda: service.create_order("pen")),
        ("/orders", "GET", service.list_orders),
    ):
        attrs = {"http.route": route, "http.method": method}
        with tracer.start_as_current_span(f"{method} {route}", kind=trace.SpanKind.SERVER, attributes=attrs):
            call()
    provider.shutdown()


if __name__ == "__main__":
    main()
