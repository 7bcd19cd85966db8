package dev.sluice.operator.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.function.Supplier;

/**
 * Status writes as fresh, fully specified patches (name, namespace and status only), skipped when
 * the recomputed status equals the stored one. Since {@link Conditions#stamp} keeps transition
 * times still, "equal" means nothing but time would have changed.
 */
public final class StatusPatch {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusPatch() {}

  /**
   * Decides whether to write a status.
   *
   * @param current the resource as reconciled
   * @param fresh the recomputed status
   * @param empty makes an empty resource of the same kind
   * @return {@code patchStatus} of a resource carrying only name, namespace and {@code fresh}, or
   *     {@code noUpdate} when {@code fresh} equals the current status
   */
  public static <S, P extends CustomResource<?, S>> UpdateControl<P> ifChanged(
      P current, S fresh, Supplier<P> empty) {
    if (current.getStatus() != null && same(current.getStatus(), fresh)) {
      return UpdateControl.noUpdate();
    }
    P patch = empty.get();
    patch.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    patch.getMetadata().setName(current.getMetadata().getName());
    patch.getMetadata().setNamespace(current.getMetadata().getNamespace());
    patch.setStatus(fresh);
    return UpdateControl.patchStatus(patch);
  }

  /**
   * Whether a recomputed status equals the stored one.
   *
   * @param stored the status as stored, or null
   * @param fresh the recomputed status
   * @return true when both serialise to the same JSON
   */
  public static boolean same(Object stored, Object fresh) {
    return stored != null && JSON.valueToTree(stored).equals(JSON.valueToTree(fresh));
  }
}
