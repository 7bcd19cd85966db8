package dev.sluice.runtime.collector.http;

import dev.sluice.runtime.collector.publish.KafkaUnavailableException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends the collector's HTTP answers (bodies from {@link Problems}). */
final class Answers {
  private static final Logger LOG = LoggerFactory.getLogger(Answers.class);
  private static final byte[] ONE_ACCEPTED =
      "{\"accepted\":1,\"rejected\":[]}".getBytes(StandardCharsets.UTF_8);

  /** 200 for one accepted event: the most frequent answer, encoded once. */
  static void oneAccepted(RoutingContext ctx) {
    ctx.response()
        .setStatusCode(200)
        .putHeader("content-type", "application/json")
        .end(Buffer.buffer(ONE_ACCEPTED));
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body.toBuffer());
  }

  static void problem(RoutingContext ctx, int status, JsonObject problem) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", Problems.PROBLEM_JSON)
        .end(problem.toBuffer());
  }

  /** 503 with {@code Retry-After} in seconds; nothing was written. */
  static void unavailable(RoutingContext ctx, int retryAfterSeconds, String detail) {
    ctx.response().putHeader("retry-after", Integer.toString(retryAfterSeconds));
    problem(ctx, 503, Problems.problem(503, "unavailable", "Service unavailable", detail));
  }

  /**
   * 408 with {@code Connection: close}, then closes the connection: the rest of the body is not
   * awaited, so the connection cannot carry another request.
   */
  static void requestTimeout(RoutingContext ctx, String detail) {
    var connection = ctx.request().connection();
    ctx.response()
        .setStatusCode(408)
        .putHeader("connection", "close")
        .putHeader("content-type", Problems.PROBLEM_JSON)
        .end(Problems.problem(408, "request-timeout", "Request timeout", detail).toBuffer())
        .onComplete(done -> connection.close());
  }

  static void unauthorized(RoutingContext ctx) {
    ctx.response().putHeader("www-authenticate", "Bearer");
    problem(
        ctx,
        401,
        Problems.problem(
            401,
            "unauthorized",
            "API key required",
            "send a valid key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"));
  }

  /** A write Kafka did not acknowledge: 503 when retriable, else 500. */
  static void writeFailed(RoutingContext ctx, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof KafkaUnavailableException) {
      unavailable(ctx, 5, cause.getMessage() + "; retry later (the request may be partly written)");
    } else {
      LOG.error("write to Kafka failed", cause);
      problem(
          ctx,
          500,
          Problems.problem(
              500, "write-failed", "Write failed", String.valueOf(cause.getMessage())));
    }
  }

  private Answers() {}
}
