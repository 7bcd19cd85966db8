package dev.sluice.runtime.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.stage.ContractBundle;
import dev.sluice.api.stage.ContractSchemaVersion;
import dev.sluice.api.v1alpha1.Sla;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes contract bundles ({@code <dir>/<name>/contract.json}) as the operator renders them. */
public final class TestContracts {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The flights contract's schema, with a text field and a geo pair declared. */
  public static final String FLIGHT_SCHEMA =
      """
      {"$schema": "https://json-schema.org/draft/2020-12/schema",
       "type": "object",
       "x-sluice-geo": {"origin_location": {"lat": "origin_lat", "lon": "origin_lon"}},
       "properties": {
         "date": {"type": "string"},
         "delay": {"type": "integer"},
         "distance": {"type": ["integer", "null"]},
         "origin": {"type": "string"},
         "origin_name": {"type": "string", "x-sluice-index": "text"},
         "scheduled": {"type": "string", "format": "date-time"},
         "origin_lat": {"type": "number"},
         "origin_lon": {"type": "number"}
       }}
      """;

  public static void write(
      Path contractsDir, String name, String eventType, String schema, Sla sla) {
    try {
      ContractBundle bundle = new ContractBundle();
      bundle.setName(name);
      bundle.setEventType(eventType);
      bundle.setAcceptedVersion(1);
      bundle.setVersions(List.of(new ContractSchemaVersion(1, "test", JSON.readTree(schema))));
      bundle.setSla(sla);
      Path dir = Files.createDirectories(contractsDir.resolve(name));
      JSON.writeValue(dir.resolve("contract.json").toFile(), bundle);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TestContracts() {}
}
