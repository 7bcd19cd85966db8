package dev.sluice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Strimzi's {@code KafkaTopic} CRD. The {@code io.strimzi:api} jar ships the model classes but no
 * CRD YAML: Strimzi's build generates {@code 043-Crd-kafkatopic.yaml} from the classes' annotations
 * with its own generator ({@code io.strimzi:crd-generator}). This does the same, with the arguments
 * of Strimzi's {@code api/pom.xml}, in a separate JVM (the generator is a fat jar with its own
 * fabric8 and Jackson). Maven copies both jars to {@code target/strimzi}.
 */
final class StrimziCrds {

  private static final String KAFKA_TOPIC = "io.strimzi.api.kafka.model.topic.KafkaTopic";
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private StrimziCrds() {}

  /**
   * The KafkaTopic CRD YAML, generated on first use into the build's work directory.
   *
   * @throws IllegalStateException when the jars are not there or the generator fails
   */
  static Path kafkaTopicCrdFile() {
    Path yaml = Repo.workDir().resolve("strimzi/043-Crd-kafkatopic.yaml");
    if (Files.isRegularFile(yaml)) {
      return yaml;
    }
    Path jars = jarDir();
    createDirectories(yaml.getParent());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-cp",
            jars.resolve("crd-generator.jar") + ":" + jars.resolve("api.jar"),
            "io.strimzi.crdgenerator.CrdGenerator",
            "--label",
            "app:strimzi",
            "--label",
            "strimzi.io/crd-install:true",
            "--target-kube",
            "1.16+",
            "--crd-api-version",
            "v1",
            "--api-versions",
            "v1",
            "--storage-version",
            "v1",
            "--yaml",
            KAFKA_TOPIC + "=" + yaml);
    CommandResult result = Commands.run(command, Map.of(), null, TIMEOUT);
    if (!result.succeeded() || !Files.isRegularFile(yaml)) {
      throw new IllegalStateException("Strimzi's CRD generator failed:\n" + result.describe());
    }
    return yaml;
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path jarDir() {
    String dir = System.getProperty("sluice.e2e.strimzi.dir");
    Path jars = dir == null ? null : Path.of(dir);
    if (jars == null || !Files.isRegularFile(jars.resolve("crd-generator.jar"))) {
      throw new IllegalStateException(
          "io.strimzi:crd-generator and io.strimzi:api jars not found in "
              + jars
              + ": run the suite through Maven (./mvnw -pl e2e verify), whose"
              + " pre-integration-test phase copies them to e2e/target/strimzi");
    }
    return jars;
  }
}
