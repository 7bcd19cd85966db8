package dev.sluice.runtime.collector.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractTypesTest {
  @TempDir Path dir;

  private void write(String contract, String json, int secondsAhead) throws Exception {
    Path file = dir.resolve(contract).resolve("contract.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsAhead)));
  }

  @Test
  void readsTheEventTypesOfThePipelinesContractsAndPicksUpChanges() throws Exception {
    write("a", "{\"name\":\"a\",\"eventType\":\"t.a\",\"acceptedVersion\":1}", 0);
    write("unlisted", "{\"name\":\"unlisted\",\"eventType\":\"t.u\"}", 0);
    ContractTypes types = new ContractTypes(dir, List.of("a", "b"));
    types.refresh();
    assertThat(types.test("t.a")).isTrue();
    assertThat(types.forType("t.a")).contains(new PipelineContract("a", "t.a", 1));
    assertThat(types.test("t.b")).isFalse();
    assertThat(types.test("t.u")).isFalse();

    write("b", "{\"name\":\"b\",\"eventType\":\"t.b\",\"futureField\":1}", 0);
    write("a", "not json", 5);
    types.refresh();
    assertThat(types.test("t.b")).isTrue();
    assertThat(types.test("t.a")).as("a broken file keeps the last good reading").isTrue();
  }
}
