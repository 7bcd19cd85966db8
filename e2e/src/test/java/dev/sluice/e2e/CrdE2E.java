package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated CRDs of {@code helm-chart/crds} on a real API server: they are structural and
 * Established, {@code kubectl explain} shows their descriptions, {@code kubectl get} their printer
 * columns, short names and category.
 */
@SluiceE2E
class CrdE2E {

  private static final Duration DISCOVERY = Duration.ofSeconds(30);
  private static final List<String> SAMPLES =
      List.of("flights/contract.yaml", "flights/pipeline.yaml", "models/canary.yaml");

  private static List<CustomResourceDefinition> applied;

  @BeforeAll
  static void applyCrdsAndSamples(Cluster cluster, TestNamespace namespace) {
    applied = CrdInstaller.apply(cluster.client(), Repo.crdFiles());
    CrdInstaller.awaitEstablished(cluster.client(), applied);
    cluster.kubectl().invalidateDiscovery();
    for (String sample : SAMPLES) {
      cluster
          .kubectl()
          .awaitSuccess(
              DISCOVERY,
              "apply",
              "--validate=strict",
              "-n",
              namespace.name(),
              "-f",
              Repo.root().resolve("samples").resolve(sample).toString());
    }
  }

  @Test
  void everyGeneratedCrdIsEstablishedAndStructural(KubernetesClient client) {
    assertThat(applied)
        .extracting(crd -> crd.getMetadata().getName())
        .containsExactly(
            "datacontracts.sluice.dev", "datapipelines.sluice.dev", "modeldeployments.sluice.dev");
    for (CustomResourceDefinition crd : applied) {
      CustomResourceDefinition current = CrdInstaller.current(client, crd.getMetadata().getName());
      assertThat(CrdInstaller.isTrue(current, "Established")).as("Established").isTrue();
      assertThat(CrdInstaller.isTrue(current, "NamesAccepted")).as("NamesAccepted").isTrue();
      assertThat(CrdInstaller.condition(current, "NonStructuralSchema"))
          .as("NonStructuralSchema condition of %s", crd.getMetadata().getName())
          .isEmpty();
    }
  }

  @Test
  void explainShowsTheFieldDescriptions(Kubectl kubectl) {
    JSONSchemaProps kafka = specSchema("datapipelines.sluice.dev").getProperties().get("kafka");
    assertThat(kafka.getDescription()).isNotBlank();
    assertThat(kafka.getProperties()).containsKeys("bootstrapServers", "provisioner", "topics");

    // The API server publishes a CRD's OpenAPI asynchronously: retry until it is there.
    await("kubectl explain datapipeline.spec.kafka")
        .atMost(DISCOVERY)
        .untilAsserted(
            () -> {
              String explained = normalize(kubectl.succeed("explain", "datapipeline.spec.kafka"));
              assertThat(explained).contains(normalize(kafka.getDescription()));
              for (Map.Entry<String, JSONSchemaProps> field : kafka.getProperties().entrySet()) {
                assertThat(field.getValue().getDescription()).as(field.getKey()).isNotBlank();
                assertThat(explained)
                    .as("explanation of kafka.%s", field.getKey())
                    .contains(field.getKey())
                    .contains(normalize(field.getValue().getDescription()));
              }
            });
  }

  @Test
  void getShowsThePrinterColumns(Kubectl kubectl, TestNamespace namespace) {
    for (CustomResourceDefinition crd : applied) {
      String plural = crd.getSpec().getNames().getPlural();
      List<CustomResourceColumnDefinition> columns = version(crd).getAdditionalPrinterColumns();
      String table = kubectl.succeed("get", plural, "-n", namespace.name());
      String wide = kubectl.succeed("get", plural, "-n", namespace.name(), "-o", "wide");

      assertThat(columns).as(plural).isNotEmpty();
      for (CustomResourceColumnDefinition column : columns) {
        String header = column.getName().toUpperCase(Locale.ROOT);
        assertThat(header(wide)).as("wide header of %s", plural).contains(header);
        if (column.getPriority() == null || column.getPriority() == 0) {
          assertThat(header(table)).as("header of %s", plural).contains(header);
        } else {
          assertThat(header(table)).as("header of %s", plural).doesNotContain(header);
        }
      }
    }
    assertThat(kubectl.succeed("get", "dc", "flight-departed", "-n", namespace.name()))
        .contains("BACKWARD", "flight.departed");
    assertThat(kubectl.succeed("get", "dp", "flights", "-n", namespace.name(), "-o", "wide"))
        .contains("Strimzi");
    assertThat(kubectl.succeed("get", "mdep", "flight-delay-canary", "-n", namespace.name()))
        .contains("Canary");
  }

  @Test
  void shortNamesAndTheSluiceCategoryListTheResources(Kubectl kubectl, TestNamespace namespace) {
    List<String> expected =
        List.of(
            "datacontract.sluice.dev/flight-departed",
            "datapipeline.sluice.dev/flights",
            "modeldeployment.sluice.dev/flight-delay-canary");

    assertThat(applied)
        .extracting(crd -> crd.getSpec().getNames().getShortNames())
        .containsExactly(List.of("dc"), List.of("dp"), List.of("mdep"));
    assertThat(applied)
        .allSatisfy(crd -> assertThat(crd.getSpec().getNames().getCategories()).contains("sluice"));
    assertThat(names(kubectl.succeed("get", "dc,dp,mdep", "-n", namespace.name(), "-o", "name")))
        .containsExactlyElementsOf(expected);
    assertThat(
            names(
                kubectl.awaitSuccess(
                    DISCOVERY, "get", "sluice", "-n", namespace.name(), "-o", "name")))
        .containsExactlyElementsOf(expected);
  }

  private static JSONSchemaProps specSchema(String crdName) {
    CustomResourceDefinition crd =
        applied.stream()
            .filter(c -> c.getMetadata().getName().equals(crdName))
            .findFirst()
            .orElseThrow();
    return version(crd).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
  }

  private static CustomResourceDefinitionVersion version(CustomResourceDefinition crd) {
    assertThat(crd.getSpec().getVersions()).hasSize(1);
    return crd.getSpec().getVersions().getFirst();
  }

  /** The column names of a kubectl table (separated by two or more spaces). */
  private static List<String> header(String table) {
    return List.of(table.lines().findFirst().orElse("").strip().split("\\s{2,}"));
  }

  private static List<String> names(String output) {
    return output.lines().map(String::strip).filter(s -> !s.isEmpty()).sorted().toList();
  }

  /** Collapses whitespace, since kubectl explain wraps descriptions at 80 columns. */
  private static String normalize(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
