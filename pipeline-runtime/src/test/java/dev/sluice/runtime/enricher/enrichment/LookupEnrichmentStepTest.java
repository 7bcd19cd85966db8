package dev.sluice.runtime.enricher.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.v1alpha1.LookupEnrichment;
import dev.sluice.api.v1alpha1.TableSource;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.config.RuntimeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lookup renders what it adds, unless it replaces a field the data already had. */
class LookupEnrichmentStepTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private LookupEnrichmentStep step() throws Exception {
    Files.writeString(
        dir.resolve("airports.csv"), "iata,city,lat\nDTW,\"Detroit, MI\",42.2\nORD,Chicago,\n");
    TableSource table = new TableSource();
    table.setPath(dir.resolve("airports.csv").toString());
    LookupEnrichment spec = new LookupEnrichment();
    spec.setTable(table);
    spec.setField("origin");
    spec.setKeyColumn("iata");
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("city", "origin_city");
    columns.put("lat", "origin_lat");
    spec.setColumns(columns);
    RuntimeConfig config =
        new RuntimeConfig(StageName.ENRICHER, null, "x:1", 0, "t", dir, dir, Map.of());
    return LookupEnrichmentStep.create("origin-airport", spec, config, "lookup");
  }

  @Test
  void rendersTheAddedMembersSoTheyCanBeAppendedToTheOriginalBytes() throws Exception {
    String original = "{\"origin\":\"DTW\",\"delay\":3}";
    ObjectNode data = (ObjectNode) JSON.readTree(original);

    AddedMembers added = step().apply(data).join();

    byte[] appended =
        AddedMembers.appendTo(original.getBytes(StandardCharsets.UTF_8), List.of(added));
    assertThat(added.count()).isEqualTo(2);
    // Same JSON text (a table number is a DecimalNode in the tree, a DoubleNode once re-read).
    assertThat(JSON.readTree(appended).toString()).isEqualTo(data.toString());
    assertThat(data.get("origin_city").asText()).isEqualTo("Detroit, MI");
    assertThat(data.get("origin_lat").isNumber()).isTrue();
  }

  @Test
  void rendersNothingWhenItReplacesAFieldTheDataHad() throws Exception {
    ObjectNode data = (ObjectNode) JSON.readTree("{\"origin\":\"ORD\",\"origin_city\":\"old\"}");

    AddedMembers added = step().apply(data).join();

    assertThat(added).as("the data must be serialized again").isNull();
    assertThat(data.get("origin_city").asText()).isEqualTo("Chicago");
    assertThat(data.get("origin_lat").isNull()).isTrue();
  }
}
