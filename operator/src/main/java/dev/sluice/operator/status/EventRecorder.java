package dev.sluice.operator.status;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts Kubernetes Events (core/v1) about a Sluice resource, shown by {@code kubectl describe}. A
 * failure to post is logged and never fails a reconciliation.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final String COMPONENT = "sluice-operator";

  private final KubernetesClient client;
  private final Clock clock;

  /**
   * @param client the client events are posted with
   * @param clock source of event timestamps
   */
  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Posts a Warning event.
   *
   * @param about the resource the event is about
   * @param reason the CamelCase reason
   * @param message human-readable details
   */
  public void warning(HasMetadata about, Reason reason, String message) {
    post(about, "Warning", reason.name(), message);
  }

  /**
   * Posts a Normal event.
   *
   * @param about the resource the event is about
   * @param reason the CamelCase reason
   * @param message human-readable details
   */
  public void normal(HasMetadata about, Reason reason, String message) {
    post(about, "Normal", reason.name(), message);
  }

  /**
   * Posts an event whose reason is not a condition reason, such as a rollout's {@code Promoted} or
   * {@code CanaryStepAdvanced}.
   *
   * @param about the resource the event is about
   * @param warning true for type {@code Warning}, false for {@code Normal}
   * @param reason the UpperCamelCase reason
   * @param message human-readable details
   */
  public void post(HasMetadata about, boolean warning, String reason, String message) {
    post(about, warning ? "Warning" : "Normal", reason, message);
  }

  private void post(HasMetadata about, String type, String reason, String message) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    String namespace = about.getMetadata().getNamespace();
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                about.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 13))
            .withNamespace(namespace)
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(about.getApiVersion())
                    .withKind(about.getKind())
                    .withName(about.getMetadata().getName())
                    .withNamespace(namespace)
                    .withUid(about.getMetadata().getUid())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .build();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "could not post event {} about {}: {}",
          reason,
          about.getMetadata().getName(),
          e.getMessage());
    }
  }
}
