package dev.sluice.operator;

import java.util.LinkedHashMap;
import java.util.Map;

/** Labels the operator puts on everything it creates; informers are scoped to {@link #SELECTOR}. */
public final class Labels {
  /** {@code app.kubernetes.io/managed-by}. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** Value of {@link #MANAGED_BY}. */
  public static final String OPERATOR = "sluice-operator";

  /** Label selector of every informer on objects the operator creates. */
  public static final String SELECTOR = MANAGED_BY + "=" + OPERATOR;

  /** {@code app.kubernetes.io/part-of}. */
  public static final String PART_OF = "app.kubernetes.io/part-of";

  /** {@code sluice.dev/pipeline}: the DataPipeline an object belongs to. */
  public static final String PIPELINE = "sluice.dev/pipeline";

  /** {@code sluice.dev/stage}: the stage a pipeline object belongs to. */
  public static final String STAGE = "sluice.dev/stage";

  /** {@code sluice.dev/contract}: the DataContract an object belongs to. */
  public static final String CONTRACT = "sluice.dev/contract";

  /** {@code sluice.dev/model-deployment}: the ModelDeployment an object belongs to. */
  public static final String MODEL_DEPLOYMENT = "sluice.dev/model-deployment";

  /** {@code sluice.dev/model-version}: the model version a model server serves. */
  public static final String MODEL_VERSION = "sluice.dev/model-version";

  private Labels() {}

  /**
   * The labels common to every managed object.
   *
   * @return a new mutable map holding {@link #MANAGED_BY} and {@link #PART_OF}
   */
  public static Map<String, String> managed() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY, OPERATOR);
    labels.put(PART_OF, "sluice");
    return labels;
  }
}
