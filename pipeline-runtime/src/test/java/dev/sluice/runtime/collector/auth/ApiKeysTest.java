package dev.sluice.runtime.collector.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
  @TempDir Path dir;

  @Test
  void acceptsBearerOrHeaderKeysAndReloadsWhenTheFileChanges() throws Exception {
    Path file = Files.writeString(dir.resolve("keys"), "# comment\n  k1  \n\nk2\n");
    ApiKeys keys = new ApiKeys(file);
    keys.refresh();

    assertThat(keys.accepts("Bearer k1", null)).isTrue();
    assertThat(keys.accepts("bearer k2", null)).isTrue();
    assertThat(keys.accepts(null, "k2")).isTrue();
    assertThat(keys.accepts("Basic k1", null)).isFalse();
    assertThat(keys.accepts(null, "# comment")).isFalse();
    assertThat(keys.accepts(null, null)).isFalse();

    Files.writeString(file, "k3\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    keys.refresh();
    assertThat(keys.accepts(null, "k1")).isFalse();
    assertThat(keys.accepts(null, "k3")).isTrue();
  }
}
