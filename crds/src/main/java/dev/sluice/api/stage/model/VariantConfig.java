package dev.sluice.api.stage.model;

/**
 * One model server behind the router.
 *
 * @param version the model version it serves (metrics tag {@code version})
 * @param url base URL of its Open Inference Protocol API, e.g. {@code http://flight-delay-2:8080}
 */
public record VariantConfig(String version, String url) {

  void validate(Fields f) {
    f.name("version", version);
    f.httpUrl("url", url);
  }
}
