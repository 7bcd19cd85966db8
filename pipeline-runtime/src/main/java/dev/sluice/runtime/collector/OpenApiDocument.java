package dev.sluice.runtime.collector;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI 3.1 document of the collector's HTTP API ({@code openapi/collector.yaml}). */
final class OpenApiDocument {
  private static final Buffer DOCUMENT = load();

  static void serve(RoutingContext ctx) {
    ctx.response().putHeader("content-type", "application/yaml").end(DOCUMENT);
  }

  private static Buffer load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi/collector.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi/collector.yaml is missing from the class path");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private OpenApiDocument() {}
}
