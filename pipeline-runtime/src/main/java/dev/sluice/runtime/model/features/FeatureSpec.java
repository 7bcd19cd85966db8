package dev.sluice.runtime.model.features;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One column of a model's input tensor, as declared in {@code metadata.json}: {@code {"name":
 * "hour", "field": "date", "transform": "hourOfDay"}}.
 *
 * @param name the feature's name (documentation and metrics)
 * @param field the top-level field of the event's {@code data} it is computed from
 * @param transform how it is computed; {@code number} when absent
 */
public record FeatureSpec(
    @JsonProperty(required = true) String name,
    @JsonProperty(required = true) String field,
    FeatureTransform transform) {

  public FeatureSpec {
    if (transform == null) {
      transform = FeatureTransform.number;
    }
  }
}
