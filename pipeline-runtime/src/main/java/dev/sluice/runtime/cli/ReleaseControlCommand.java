package dev.sluice.runtime.cli;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.api.v1alpha1.ModelDeploymentStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A manual control of a ModelDeployment's release ({@code sluice promote|abort}): sets its
 * annotation, which the operator acts on at its next reconcile and then removes. The cluster is the
 * current context of the kubeconfig ({@code KUBECONFIG}, else {@code ~/.kube/config}); the
 * namespace is {@code -n}, else the context's.
 */
abstract class ReleaseControlCommand implements Callable<Integer> {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<name>", description = "The ModelDeployment.")
  String name;

  @Option(
      names = {"-n", "--namespace"},
      description = "Its namespace (default: the kubeconfig context's namespace).")
  String namespace;

  /** The annotation this command sets, e.g. {@code sluice.dev/promote}. */
  abstract String annotation();

  /** What the command asks for, for the confirmation line, e.g. {@code promotion}. */
  abstract String request();

  @Override
  public Integer call() {
    check("<name>", name);
    if (namespace != null) {
      check("--namespace", namespace);
    }
    // One attempt with a 5 s connect timeout: a person is waiting, and an absent cluster should
    // say so at once rather than after the client's default retries.
    Config config =
        new ConfigBuilder(Config.autoConfigure(null))
            .withRequestRetryBackoffLimit(0)
            .withConnectionTimeout(5_000)
            .withRequestTimeout(10_000)
            .build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      String ns = Objects.requireNonNullElse(namespace, client.getNamespace());
      if (ns == null) {
        ns = "default";
      }
      var resource = client.resources(ModelDeployment.class).inNamespace(ns).withName(name);
      ModelDeployment deployment = call(client, () -> resource.get());
      if (deployment == null) {
        throw new IllegalArgumentException("modeldeployment " + ns + "/" + name + " not found");
      }
      refuseWithoutRelease(deployment, ns);
      String patch =
          client
              .getKubernetesSerialization()
              .asJson(Map.of("metadata", Map.of("annotations", Map.of(annotation(), "true"))));
      call(client, () -> resource.patch(PatchContext.of(PatchType.JSON_MERGE), patch));
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "modeldeployment "
              + ns
              + "/"
              + name
              + ": "
              + request()
              + " of version "
              + deployment.getSpec().getModel().getVersion()
              + " requested ("
              + annotation()
              + "); the operator acts on it at its next reconcile");
      out.flush();
      return 0;
    }
  }

  /**
   * Refuses when the status shows no release in progress and is current: the operator would only
   * drop the annotation. A status behind its spec may be about to start one, so it is let through.
   */
  private void refuseWithoutRelease(ModelDeployment deployment, String ns) {
    ModelDeploymentStatus status = deployment.getStatus();
    boolean current =
        status != null
            && Objects.equals(
                status.getObservedGeneration(), deployment.getMetadata().getGeneration());
    if (current && status.getCandidateVersion() == null) {
      throw new IllegalArgumentException(
          "modeldeployment "
              + ns
              + "/"
              + name
              + " has no release in progress"
              + (status.getStableVersion() == null
                  ? ""
                  : " (version " + status.getStableVersion() + " serves)"));
    }
  }

  private static void check(String what, String value) {
    if (value.length() > 253 || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " '" + value + "' is not a Kubernetes name (lower-case letters, digits, '-')");
    }
  }

  /** Runs an API call, turning an unreachable cluster or a refusal into one line. */
  private static <T> T call(KubernetesClient client, java.util.function.Supplier<T> request) {
    try {
      return request.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 0 || e.getStatus() == null) {
        throw new IllegalArgumentException(
            "no Kubernetes cluster answers at "
                + client.getConfiguration().getMasterUrl()
                + " (kubeconfig: $KUBECONFIG or ~/.kube/config): "
                + rootMessage(e));
      }
      throw new IllegalArgumentException(
          "the Kubernetes API refused the request (HTTP "
              + e.getCode()
              + "): "
              + e.getStatus().getMessage());
    }
  }

  /** The innermost cause that says something, e.g. "Connection refused". */
  private static String rootMessage(Throwable e) {
    String message = "the connection was refused or closed";
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message;
  }
}
