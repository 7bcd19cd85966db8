package dev.sluice.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Applies CRD files to a cluster the way a chart install would, and reads their conditions. */
public final class CrdInstaller {

  /** The field manager of everything the e2e suite applies server-side. */
  public static final String FIELD_MANAGER = "sluice-e2e";

  private static final Duration ESTABLISH_TIMEOUT = Duration.ofSeconds(60);

  private CrdInstaller() {}

  /**
   * Server-side applies each CRD file (forcing conflicts, so a CRD left by an older run is
   * overwritten).
   *
   * @return the applied CRDs as the server returned them, in file order
   */
  public static List<CustomResourceDefinition> apply(KubernetesClient client, List<Path> files) {
    return files.stream().map(file -> apply(client, file)).toList();
  }

  private static CustomResourceDefinition apply(KubernetesClient client, Path file) {
    return client
        .resource(read(client, file))
        .fieldManager(FIELD_MANAGER)
        .forceConflicts()
        .serverSideApply();
  }

  /** Parses a CRD file (no server call). */
  public static CustomResourceDefinition read(KubernetesClient client, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return client.apiextensions().v1().customResourceDefinitions().load(in).item();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Waits until every CRD has the condition Established=True. */
  public static void awaitEstablished(
      KubernetesClient client, List<CustomResourceDefinition> crds) {
    for (CustomResourceDefinition crd : crds) {
      String name = crd.getMetadata().getName();
      await("CRD " + name + " Established")
          .atMost(ESTABLISH_TIMEOUT)
          .until(() -> isTrue(current(client, name), "Established"));
    }
  }

  /** The CRD as the server has it now. */
  public static CustomResourceDefinition current(KubernetesClient client, String name) {
    return client.apiextensions().v1().customResourceDefinitions().withName(name).get();
  }

  /** The condition of the given type in the CRD's status, if it has one. */
  public static Optional<CustomResourceDefinitionCondition> condition(
      CustomResourceDefinition crd, String type) {
    if (crd == null || crd.getStatus() == null || crd.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return crd.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }

  /** Whether the CRD has the condition of the given type with status True. */
  public static boolean isTrue(CustomResourceDefinition crd, String type) {
    return condition(crd, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }
}
