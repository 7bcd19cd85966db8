package dev.sluice.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CRDs committed under {@code helm-chart/crds/} must equal the ones generated from the Java
 * types. Run {@code ./mvnw -pl crds verify -Dsluice.updateCrds=true} to refresh them after a change
 * of the API.
 */
class CommittedCrdsTest {

  @Test
  void committedCrdsMatchTheGeneratedOnes() throws IOException {
    boolean update = Boolean.getBoolean("sluice.updateCrds");
    for (Map.Entry<String, String> file : GeneratedCrds.FILES.entrySet()) {
      String generated = GeneratedCrds.read(GeneratedCrds.GENERATED.resolve(file.getKey()));
      Path committed = GeneratedCrds.COMMITTED.resolve(file.getValue());
      if (update) {
        Files.createDirectories(committed.getParent());
        Files.writeString(committed, generated);
      }
      assertThat(committed)
          .as(
              "%s is out of date: run ./mvnw -pl crds verify -Dsluice.updateCrds=true and commit"
                  + " it",
              committed)
          .exists();
      assertThat(Files.readString(committed))
          .as(
              "%s is out of date: run ./mvnw -pl crds verify -Dsluice.updateCrds=true and commit"
                  + " it",
              committed)
          .isEqualTo(generated);
    }
  }
}
