package dev.sluice.runtime.enricher.enrichment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.v1alpha1.HttpEnrichment;
import dev.sluice.api.v1alpha1.HttpMethod;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request an event makes to an enrichment API: for GET the URL with each {@code {field}}
 * replaced by the URL-encoded value of {@code data[field]}; for POST the URL as is and a JSON
 * object of the {@code fields} (absent fields as null).
 */
final class HttpRequestTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

  /** One request: its URI and, for POST, its body; equal requests share a cache entry. */
  record Call(URI uri, byte[] body) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Call c && uri.equals(c.uri) && Arrays.equals(body, c.body);
    }

    @Override
    public int hashCode() {
      return 31 * uri.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
      return uri.toString();
    }
  }

  private final HttpEnrichment spec;
  private final ObjectMapper json;

  HttpRequestTemplate(HttpEnrichment spec, ObjectMapper json) {
    if (spec.getUrl() == null || spec.getTargetField() == null) {
      throw new IllegalArgumentException("http.url and http.targetField are required");
    }
    URI.create(PLACEHOLDER.matcher(spec.getUrl()).replaceAll("x"));
    this.spec = spec;
    this.json = json;
  }

  /**
   * @throws EnrichmentException when a GET placeholder's field is missing or not a value
   */
  Call callFor(ObjectNode data) {
    if (spec.getMethod() == HttpMethod.GET) {
      return new Call(URI.create(expand(data)), null);
    }
    ObjectNode body = json.createObjectNode();
    for (String field : spec.getFields()) {
      JsonNode value = data.get(field);
      body.set(field, value == null ? json.nullNode() : value);
    }
    try {
      return new Call(URI.create(spec.getUrl()), json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new EnrichmentException("cannot write the request body: " + e.getOriginalMessage());
    }
  }

  private String expand(ObjectNode data) {
    Matcher m = PLACEHOLDER.matcher(spec.getUrl());
    StringBuilder url = new StringBuilder();
    while (m.find()) {
      JsonNode value = data.get(m.group(1));
      if (value == null || value.isNull() || value.isContainerNode()) {
        throw new EnrichmentException("data." + m.group(1) + " is missing or not a value");
      }
      String encoded =
          URLEncoder.encode(value.asText(), StandardCharsets.UTF_8).replace("+", "%20");
      m.appendReplacement(url, Matcher.quoteReplacement(encoded));
    }
    m.appendTail(url);
    return url.toString();
  }
}
