package dev.sluice.runtime.collector.http;

import dev.sluice.runtime.collector.envelope.Rejection;
import dev.sluice.runtime.collector.publish.Candidate;
import dev.sluice.runtime.collector.publish.PublishResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The collector's HTTP answer bodies. Errors are RFC 9457 problem details ({@code
 * application/problem+json}: {@code type}, {@code title}, {@code status}, {@code detail}) with the
 * extension members {@code reason} (the dead-letter error class), {@code field} (JSON pointer of
 * the attribute at fault) and, for a batch, {@code accepted} and {@code rejected}. Successes are
 * {@code {"accepted": n, "rejected": [...]}}. Each rejected item is {@code {index, id, reason,
 * field, detail}}.
 */
final class Problems {
  static final String PROBLEM_JSON = "application/problem+json";
  private static final String TYPE_BASE = "https://sluice.dev/problems/";

  /** A problem for a refused event or request. */
  static JsonObject of(int status, Rejection r) {
    return problem(status, kebab(r.errorClass().name()), title(r), r.reason())
        .put("reason", r.errorClass().name())
        .put("field", r.field());
  }

  /** A problem with no dead-letter reason (401, 503, 500). */
  static JsonObject problem(int status, String type, String title, String detail) {
    return new JsonObject()
        .put("type", TYPE_BASE + type)
        .put("title", title)
        .put("status", status)
        .put("detail", detail);
  }

  /** The body of an answered batch or event. */
  static JsonObject result(PublishResult result) {
    JsonArray rejected = new JsonArray();
    for (Candidate c : result.rejected()) {
      rejected.add(
          new JsonObject()
              .put("index", c.index())
              .put("id", c.id())
              .put("reason", c.rejection().errorClass().name())
              .put("field", c.rejection().field())
              .put("detail", c.rejection().reason()));
    }
    return new JsonObject().put("accepted", result.accepted()).put("rejected", rejected);
  }

  private static String title(Rejection r) {
    return switch (r.errorClass()) {
      case EnvelopeInvalid -> "Invalid CloudEvent attribute";
      case SizeViolation -> "Payload too large";
      case Unparseable -> "Unparseable request body";
      case UnknownType -> "Unknown event type";
      default -> "Event rejected";
    };
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  private Problems() {}
}
