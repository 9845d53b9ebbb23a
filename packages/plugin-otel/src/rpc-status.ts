import protobuf from 'protobufjs';

/**
 * Encodes a `google.rpc.Status` (code, message, and a `RetryInfo` detail when a delay
 * is given): the error body of OTLP/HTTP and the `grpc-status-details-bin` trailer,
 * which tells OTLP exporters how long to wait before retrying.
 */
export function encodeRpcStatus(code: number, message: string, retryAfterS?: number): Uint8Array {
  const w = protobuf.Writer.create();
  if (code !== 0) w.uint32((1 << 3) | 0).int32(code);
  if (message) w.uint32((2 << 3) | 2).string(message);
  if (retryAfterS !== undefined) {
    const duration = protobuf.Writer.create()
      .uint32((1 << 3) | 0)
      .int64(retryAfterS)
      .finish();
    const retryInfo = protobuf.Writer.create()
      .uint32((1 << 3) | 2)
      .bytes(duration)
      .finish();
    const any = protobuf.Writer.create()
      .uint32((1 << 3) | 2)
      .string('type.googleapis.com/google.rpc.RetryInfo')
      .uint32((2 << 3) | 2)
      .bytes(retryInfo)
      .finish();
    w.uint32((3 << 3) | 2).bytes(any);
  }
  return w.finish();
}
