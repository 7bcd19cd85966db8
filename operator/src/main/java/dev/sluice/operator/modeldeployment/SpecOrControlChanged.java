package dev.sluice.operator.modeldeployment;

import dev.sluice.api.v1alpha1.ModelDeployment;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Map;
import java.util.Objects;

/**
 * Which updates of a ModelDeployment are reconciled: a spec change (a new generation), a change of
 * a manual-control annotation (which does not bump the generation, so JOSDK's generation-aware
 * filtering would drop it), or deletion. Status writes — the operator's own — are not.
 */
public final class SpecOrControlChanged implements OnUpdateFilter<ModelDeployment> {
  /** The filter. */
  public SpecOrControlChanged() {}

  @Override
  public boolean accept(ModelDeployment updated, ModelDeployment previous) {
    return !Objects.equals(
            updated.getMetadata().getGeneration(), previous.getMetadata().getGeneration())
        || updated.isMarkedForDeletion()
        || !controls(updated).equals(controls(previous));
  }

  private static Map<String, String> controls(ModelDeployment deployment) {
    Map<String, String> annotations = deployment.getMetadata().getAnnotations();
    if (annotations == null) {
      return Map.of();
    }
    Map<String, String> controls = new java.util.TreeMap<>();
    for (String key :
        new String[] {ManualControl.PROMOTE, ManualControl.ABORT, ManualControl.PAUSE}) {
      if (annotations.containsKey(key)) {
        controls.put(key, annotations.get(key));
      }
    }
    return controls;
  }
}
