package dev.sluice.operator.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.stage.ContractBundle;
import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.api.v1alpha1.ContractPhase;
import dev.sluice.api.v1alpha1.DataContract;
import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.operator.OperatorHarness;
import dev.sluice.operator.pipeline.Pipelines;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DataContract controller, with the real JOSDK operator, against the mock API server. */
@EnableKubernetesMockClient(crud = true)
class DataContractReconcilerTest {
  static final String NS = "data";
  KubernetesClient client;
  OperatorHarness harness;

  @BeforeEach
  void start() {
    harness = new OperatorHarness(client);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void acceptsTheFirstVersionAndStoresItInTheSchemasConfigMap() throws Exception {
    client.resource(contract("orders", 1, Contracts.V1)).create();

    DataContract accepted = awaitReady("orders", Condition.TRUE);
    assertThat(accepted.getStatus().getPhase()).isEqualTo(ContractPhase.Accepted);
    assertThat(accepted.getStatus().getAcceptedVersion()).isEqualTo(1);
    assertThat(accepted.getStatus().getObservedGeneration()).isEqualTo(1L);
    assertThat(accepted.getStatus().getVersions())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getFingerprint()).hasSize(64);
              assertThat(v.getAcceptedAt()).isNotBlank();
            });
    ContractBundle bundle = bundle("orders");
    assertThat(bundle.getEventType()).isEqualTo("orders.placed");
    assertThat(bundle.getAcceptedVersion()).isEqualTo(1);
    assertThat(bundle.getVersions().get(0).getFingerprint())
        .isEqualTo(accepted.getStatus().getVersions().get(0).getFingerprint());
    ConfigMap store = client.configMaps().inNamespace(NS).withName("orders-schemas").get();
    assertThat(store.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("DataContract"));
  }

  @Test
  void invalidSchemaIsReportedAndNothingIsStored() {
    client.resource(contract("bad", 1, "{\"type\":12}")).create();

    Condition ready = readyCondition(awaitReady("bad", Condition.FALSE));
    assertThat(ready.getReason()).isEqualTo("InvalidSchema");
    assertThat(ready.getMessage()).contains("/type");
    assertThat(client.configMaps().inNamespace(NS).withName("bad-schemas").get()).isNull();
    await().untilAsserted(() -> assertThat(warnings("bad")).contains("InvalidSchema"));
  }

  @Test
  void breakingChangeIsRefusedAndTheLastVersionKeepsBeingServed() throws Exception {
    client.resource(contract("orders", 1, Contracts.V1)).create();
    awaitReady("orders", Condition.TRUE);

    update("orders", 2, Contracts.V2_BREAKING);
    DataContract refused = awaitReason("orders", "IncompatibleSchema");
    assertThat(readyCondition(refused).getMessage()).contains("id").contains("TypeNarrowed");
    assertThat(refused.getStatus().getPhase()).isEqualTo(ContractPhase.Rejected);
    assertThat(refused.getStatus().getAcceptedVersion()).isEqualTo(1);
    assertThat(bundle("orders").getVersions()).hasSize(1);

    update("orders", 2, Contracts.V2);
    DataContract accepted = awaitReason("orders", "Accepted");
    assertThat(accepted.getStatus().getAcceptedVersion()).isEqualTo(2);
    assertThat(accepted.getStatus().getVersions()).hasSize(2);
    assertThat(bundle("orders").getVersions())
        .extracting(v -> v.getVersion())
        .containsExactly(1, 2);
  }

  @Test
  void versionGoingDownIsRefused() {
    client.resource(contract("orders", 2, Contracts.V1)).create();
    awaitReady("orders", Condition.TRUE);

    update("orders", 1, Contracts.V1);
    DataContract refused = awaitReason("orders", "IncompatibleSchema");
    assertThat(readyCondition(refused).getMessage()).contains("lower than the accepted version 2");
    assertThat(refused.getStatus().getAcceptedVersion()).isEqualTo(2);
  }

  @Test
  void statusListsThePipelinesThatReferenceTheContract() {
    client.resource(contract("flight-departed", 1, Contracts.V1)).create();
    awaitReady("flight-departed", Condition.TRUE);

    DataPipeline pipeline = Pipelines.flights();
    client.resource(pipeline).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(get("flight-departed").getStatus().getBoundPipelines())
                    .containsExactly("flights"));
  }

  static DataContract contract(String name, int version, String schema) {
    return Contracts.contract(name, version, schema);
  }

  private void update(String name, int version, String schema) {
    DataContract changed = contract(name, version, schema);
    client
        .resources(DataContract.class)
        .inNamespace(NS)
        .withName(name)
        .edit(
            c -> {
              c.setSpec(changed.getSpec());
              return c;
            });
  }

  private DataContract get(String name) {
    return client.resources(DataContract.class).inNamespace(NS).withName(name).get();
  }

  private DataContract awaitReady(String name, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                get(name).getStatus() != null
                    && get(name)
                        .getStatus()
                        .condition("Ready")
                        .map(Condition::getStatus)
                        .orElse("")
                        .equals(status));
    return get(name);
  }

  private DataContract awaitReason(String name, String reason) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                get(name).getStatus() != null
                    && get(name)
                        .getStatus()
                        .condition("Ready")
                        .map(Condition::getReason)
                        .orElse("")
                        .equals(reason)
                    && get(name)
                        .getStatus()
                        .getObservedGeneration()
                        .equals(get(name).getMetadata().getGeneration()));
    return get(name);
  }

  private static Condition readyCondition(DataContract contract) {
    return contract.getStatus().condition("Ready").orElseThrow();
  }

  private ContractBundle bundle(String contract) throws Exception {
    ConfigMap store = client.configMaps().inNamespace(NS).withName(contract + "-schemas").get();
    return new ObjectMapper().readValue(store.getData().get("contract.json"), ContractBundle.class);
  }

  private List<String> warnings(String name) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> e.getInvolvedObject().getName().equals(name))
        .filter(e -> e.getType().equals("Warning"))
        .map(e -> e.getReason())
        .toList();
  }
}
