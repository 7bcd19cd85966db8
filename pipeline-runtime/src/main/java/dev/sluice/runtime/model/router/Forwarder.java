package dev.sluice.runtime.model.router;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;

/**
 * Sends a request to one model server and reads its whole answer, on a Vert.x {@link HttpClient}
 * (pooled keep-alive connections). A server that sends nothing for {@code timeoutMs} fails the
 * request.
 */
final class Forwarder {
  /** A model server's answer. */
  record Answer(int status, String contentType, Buffer body) {}

  private final HttpClient client;

  Forwarder(HttpClient client) {
    this.client = client;
  }

  /**
   * @param baseUrl the server, e.g. {@code http://flight-delay-2:8080}
   * @param path the request path and query, e.g. {@code /v2/models/flight-delay/infer}
   * @param body the request body, or null
   */
  Future<Answer> send(
      HttpMethod method,
      String baseUrl,
      String path,
      MultiMap headers,
      Buffer body,
      long timeoutMs) {
    URI base = URI.create(baseUrl);
    boolean tls = "https".equals(base.getScheme());
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setHost(base.getHost())
            .setPort(base.getPort() > 0 ? base.getPort() : tls ? 443 : 80)
            .setSsl(tls)
            .setURI(path)
            .setConnectTimeout(timeoutMs)
            .setIdleTimeout(timeoutMs);
    String contentType = headers.get("content-type");
    if (contentType != null) {
      options.putHeader("content-type", contentType);
    }
    return client
        .request(options)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(
            resp ->
                resp.body()
                    .map(b -> new Answer(resp.statusCode(), resp.getHeader("content-type"), b)));
  }
}
