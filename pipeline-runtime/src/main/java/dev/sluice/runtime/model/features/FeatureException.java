package dev.sluice.runtime.model.features;

/** An event's data cannot become a model input; {@link #field()} names the field at fault. */
public class FeatureException extends RuntimeException {
  private final String field;

  public FeatureException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The top-level data field at fault, or an empty string for the data as a whole. */
  public String field() {
    return field;
  }
}
