package dev.sluice.runtime.model.router;

import java.net.URI;

/**
 * Where a variant's model server listens, parsed once from its configured base URL (not per
 * request).
 *
 * @param host host name or address
 * @param port port, 80/443 when the URL has none
 * @param tls whether the URL is https
 */
record Endpoint(String host, int port, boolean tls) {

  /**
   * @param baseUrl an http(s) URL with a host, e.g. {@code http://flight-delay-2:8080} (checked
   *     when the configuration was read)
   */
  static Endpoint of(String baseUrl) {
    URI base = URI.create(baseUrl);
    boolean tls = "https".equals(base.getScheme());
    return new Endpoint(base.getHost(), base.getPort() > 0 ? base.getPort() : tls ? 443 : 80, tls);
  }
}
