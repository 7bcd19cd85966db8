package dev.sluice.operator;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * The Kubernetes "restricted" pod security profile every runtime pod the operator creates runs
 * under: non-root uid/gid {@value #RUN_AS}, seccomp RuntimeDefault, no privilege escalation, all
 * capabilities dropped, a read-only root filesystem (pods mount an emptyDir at /tmp).
 */
public final class PodSecurity {
  /** Non-root user and group the runtime runs as. */
  public static final long RUN_AS = 65532L;

  private PodSecurity() {}

  /** The pod-level security context. */
  public static PodSecurityContext pod() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(RUN_AS)
        .withRunAsGroup(RUN_AS)
        .withFsGroup(RUN_AS)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  /** The container-level security context. */
  public static SecurityContext container() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }
}
