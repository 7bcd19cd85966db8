package dev.sluice.runtime.loader.realtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The HTTP calls the real-time loader makes, in the REST API OpenSearch (2.x, 3.x) and
 * Elasticsearch 8.x share: {@code POST /_bulk} (NDJSON) and {@code PUT /_index_template/<name>}.
 * Plain {@link HttpClient}, so no client library ties the loader to one of them.
 */
public final class SearchClient {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http;
  private final URI base;
  private final Optional<String> authorization;

  /**
   * @param base cluster URL ending in {@code /}
   * @param username basic-auth user, if any
   * @param password basic-auth password (used with {@code username})
   */
  public SearchClient(URI base, Optional<String> username, Optional<String> password) {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.base = base;
    this.authorization =
        username.map(
            u ->
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (u + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Sends one {@code _bulk} request.
   *
   * @param ndjson the body: action and source lines, each ending in a newline
   * @return the response body (JSON)
   * @throws SearchUnavailableException when the cluster cannot be reached or answers 429, 5xx or
   *     another non-2xx status (the whole request is then retried)
   */
  public byte[] bulk(byte[] ndjson) throws SearchUnavailableException {
    return send(
        HttpRequest.newBuilder(base.resolve("_bulk"))
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofByteArray(ndjson)),
        "_bulk");
  }

  /**
   * Creates or replaces a composable index template.
   *
   * @throws SearchUnavailableException when the cluster cannot be reached or refuses it
   */
  public void putIndexTemplate(String name, byte[] body) throws SearchUnavailableException {
    send(
        HttpRequest.newBuilder(base.resolve("_index_template/" + name))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body)),
        "_index_template/" + name);
  }

  private byte[] send(HttpRequest.Builder request, String what) throws SearchUnavailableException {
    authorization.ifPresent(a -> request.header("Authorization", a));
    try {
      HttpResponse<byte[]> response =
          http.send(
              request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
      int status = response.statusCode();
      if (status / 100 != 2) {
        throw new SearchUnavailableException(
            what + " answered " + status + ": " + excerpt(response.body()), status);
      }
      return response.body();
    } catch (IOException e) {
      throw new SearchUnavailableException(what + " failed: " + e, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SearchUnavailableException(what + " interrupted", 0);
    }
  }

  private static String excerpt(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8);
    return s.length() > 500 ? s.substring(0, 500) + "…" : s;
  }
}
