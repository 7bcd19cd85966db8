package dev.sluice.runtime.collector.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body of at most {@code maxBytes}, enforced while reading: a declared {@code
 * Content-Length} over the limit, or a body that grows past it, completes the read at once as
 * {@link #oversize()} keeping only its first {@code keepBytes} (for the dead-letter record); the
 * rest is never buffered. A body that has not ended {@code timeoutMs} after its headers arrived
 * fails the read with {@link BodyTimeoutException}, so a client that stalls mid-body cannot hold
 * the request's in-flight slot.
 *
 * @param bytes the whole body, or its first {@code keepBytes} when over-size
 * @param oversize whether the body is larger than the limit
 * @param sizeBytes the body's size: the whole size, or for an over-size body its declared {@code
 *     Content-Length}, else the bytes received before reading stopped
 */
record BoundedBody(byte[] bytes, boolean oversize, long sizeBytes) {

  /**
   * Reads the body of {@code request}.
   *
   * @param maxBytes largest accepted body, in bytes
   * @param keepBytes bytes of an over-size body kept
   * @param timeoutMs time allowed for the whole body, in milliseconds
   * @return the body; failed with {@link BodyTimeoutException} after {@code timeoutMs}, or with the
   *     connection's error when it broke
   */
  static Future<BoundedBody> read(
      Vertx vertx, HttpServerRequest request, int maxBytes, int keepBytes, long timeoutMs) {
    Promise<BoundedBody> promise = Promise.promise();
    long declared = parseLength(request.getHeader("content-length"));
    Buffer buffer = Buffer.buffer((int) Math.min(Math.max(declared, 256), maxBytes));
    long[] received = {0};
    request.handler(
        chunk -> {
          if (promise.future().isComplete()) {
            return;
          }
          received[0] += chunk.length();
          if (buffer.length() < maxBytes + 1L) {
            buffer.appendBuffer(chunk);
          }
          boolean over = received[0] > maxBytes || declared > maxBytes;
          if (over && (received[0] > maxBytes || received[0] >= Math.min(declared, keepBytes))) {
            promise.tryComplete(oversized(buffer, keepBytes, Math.max(declared, received[0])));
          }
        });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(
        v -> {
          if (received[0] > maxBytes || declared > maxBytes) {
            promise.tryComplete(oversized(buffer, keepBytes, Math.max(declared, received[0])));
          } else {
            promise.tryComplete(new BoundedBody(buffer.getBytes(), false, received[0]));
          }
        });
    long timer =
        vertx.setTimer(
            timeoutMs, id -> promise.tryFail(new BodyTimeoutException(timeoutMs, received[0])));
    promise.future().onComplete(done -> vertx.cancelTimer(timer));
    request.resume();
    return promise.future();
  }

  private static BoundedBody oversized(Buffer buffer, int keepBytes, long size) {
    return new BoundedBody(buffer.getBytes(0, Math.min(keepBytes, buffer.length())), true, size);
  }

  private static long parseLength(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
