package dev.sluice.runtime.enricher.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.v1alpha1.TableFormat;
import dev.sluice.runtime.config.ConfigException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookupTableLoaderTest {
  private static final String FIELD = "spec.enricher.enrichments[0].lookup";
  @TempDir Path dir;

  @Test
  void csvColumnsThatAreAllNumbersBecomeNumbers() throws Exception {
    Path file = dir.resolve("t.csv");
    Files.writeString(
        file,
        """
        iata,name,zip,latitude
        DTW,"Detroit, Metro",01234,42.21205889
        LAX,Los Angeles,90045,-33.9
        XXX,Nowhere,,
        """);

    LookupTable table =
        LookupTableLoader.load(
            file, TableFormat.csv, "iata", Set.of("name", "zip", "latitude"), FIELD);

    var dtw = table.row("DTW").orElseThrow();
    assertThat(dtw.get("name").asText()).isEqualTo("Detroit, Metro");
    assertThat(dtw.get("latitude").isNumber()).isTrue();
    assertThat(dtw.get("latitude").asDouble()).isEqualTo(42.21205889);
    assertThat(dtw.get("zip").isTextual()).as("leading zero keeps zip a string").isTrue();
    assertThat(table.row("XXX").orElseThrow().get("latitude").isNull()).isTrue();
    assertThat(table.row("ZZZ")).isEmpty();
  }

  @Test
  void jsonTablesKeepTheirTypes() throws Exception {
    Path file = dir.resolve("t.json");
    Files.writeString(file, "[{\"iata\":\"DTW\",\"elevation\":645,\"hub\":true}]");

    LookupTable table =
        LookupTableLoader.load(file, TableFormat.json, "iata", Set.of("elevation", "hub"), FIELD);

    assertThat(table.row("DTW").orElseThrow().get("elevation").asInt()).isEqualTo(645);
    assertThat(table.row("DTW").orElseThrow().get("hub").asBoolean()).isTrue();
  }

  @Test
  void refusesTablesOverTheSizeLimit() throws Exception {
    Path file = dir.resolve("big.csv");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(LookupTableLoader.MAX_TABLE_BYTES + 1);
    }

    assertThatThrownBy(
            () -> LookupTableLoader.load(file, TableFormat.csv, "iata", Set.of("name"), FIELD))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(FIELD + ".table")
        .hasMessageContaining("larger than the limit of 67108864 bytes");
  }

  @Test
  void namesAMissingColumnAndAMissingFileAndBadJson() throws Exception {
    Path csv = dir.resolve("t.csv");
    Files.writeString(csv, "iata,name\nDTW,Detroit\n");
    assertThatThrownBy(
            () -> LookupTableLoader.load(csv, TableFormat.csv, "iata", Set.of("city"), FIELD))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("has no column 'city'");
    assertThatThrownBy(
            () ->
                LookupTableLoader.load(
                    dir.resolve("none.csv"), TableFormat.csv, "iata", Set.of("name"), FIELD))
        .hasMessageContaining("does not exist");
    Path json = Files.writeString(dir.resolve("t.json"), "{\"iata\": \"DTW\"}");
    assertThatThrownBy(
            () -> LookupTableLoader.load(json, TableFormat.json, "iata", Set.of("name"), FIELD))
        .hasMessageContaining("is not a JSON array");
  }
}
