package dev.sluice.operator.modeldeployment;

import dev.sluice.operator.modeldeployment.model.ModelServing;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * The router pods whose metrics analysis provider Router reads: one list call (label-selected) per
 * analysis, not a watch, since it is needed only at the end of an analysis window.
 */
final class RouterPods {
  private final KubernetesClient client;

  /**
   * @param client lists pods (namespaced list, label-selected)
   */
  RouterPods(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The base URLs of a deployment's ready router pods.
   *
   * @param namespace the ModelDeployment's namespace
   * @param selector the router pods' labels ({@link ModelServing#selector})
   * @return {@code http://<pod IP>:8080} of each ready pod with an IP, sorted
   */
  List<String> urls(String namespace, Map<String, String> selector) {
    return client.pods().inNamespace(namespace).withLabels(selector).list().getItems().stream()
        .filter(RouterPods::ready)
        .map(p -> "http://" + p.getStatus().getPodIP() + ":" + ModelServing.HTTP_PORT)
        .sorted()
        .toList();
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getPodIP() != null
        && pod.getMetadata().getDeletionTimestamp() == null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
