package dev.sluice.runtime.model.router;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

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
   * @param server the model server
   * @param path the request path and query, e.g. {@code /v2/models/flight-delay/infer}
   * @param contentType the request's content type, or null
   * @param body the request body, or null
   */
  Future<Answer> send(
      HttpMethod method,
      Endpoint server,
      String path,
      String contentType,
      Buffer body,
      long timeoutMs) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setHost(server.host())
            .setPort(server.port())
            .setSsl(server.tls())
            .setURI(path)
            .setConnectTimeout(timeoutMs)
            .setIdleTimeout(timeoutMs);
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
