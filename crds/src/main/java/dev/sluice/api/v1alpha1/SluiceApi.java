package dev.sluice.api.v1alpha1;

/** Group, version and category shared by every Sluice custom resource. */
public final class SluiceApi {
  /** API group of every Sluice resource. */
  public static final String GROUP = "sluice.dev";

  /** The one served and stored version. */
  public static final String VERSION = "v1alpha1";

  /** {@code kubectl get sluice} lists every Sluice resource. */
  public static final String CATEGORY = "sluice";

  /**
   * Regular expression of a duration such as {@code 30s}, {@code 15m}, {@code 1h30m}, {@code 7d}.
   */
  public static final String DURATION_PATTERN = "^([0-9]+(ms|s|m|h|d))+$";

  /** S3 bucket naming rules: 3–63 lower-case letters, digits, dots and hyphens. */
  public static final String BUCKET_PATTERN = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";

  /** A DNS-1123 label: the name of a Kubernetes object this resource refers to. */
  public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  private SluiceApi() {}
}
