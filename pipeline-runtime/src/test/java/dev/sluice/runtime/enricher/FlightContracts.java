package dev.sluice.runtime.enricher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.stage.ContractBundle;
import dev.sluice.api.stage.ContractSchemaVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The flight-departed contract of the samples, as bundles the tests write: v1 is the sample's
 * schema plus an optional {@code status} enum and a {@code remark} of at most 200 characters; v2
 * adds a required {@code carrier}.
 */
final class FlightContracts {
  static final String NAME = "flight-departed";
  static final String TYPE = "flight.departed";
  static final ObjectMapper JSON = new ObjectMapper();

  static ObjectNode schemaV1() {
    try {
      return (ObjectNode)
          JSON.readTree(
              """
              {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "type": "object",
                "additionalProperties": false,
                "required": ["date", "delay", "distance", "origin", "destination"],
                "properties": {
                  "date": {"type": "string", "pattern": "^[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}$"},
                  "delay": {"type": "integer", "minimum": -120, "maximum": 2880},
                  "distance": {"type": "integer", "minimum": 1, "maximum": 6000},
                  "origin": {"type": "string", "pattern": "^[A-Z0-9]{3}$"},
                  "destination": {"type": "string", "pattern": "^[A-Z0-9]{3}$"},
                  "status": {"enum": ["scheduled", "departed", "cancelled"]},
                  "remark": {"type": "string", "maxLength": 200}
                }
              }
              """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode schemaV2() {
    ObjectNode schema = schemaV1();
    ((ObjectNode) schema.get("properties"))
        .putObject("carrier")
        .put("type", "string")
        .put("pattern", "^[A-Z0-9]{2}$");
    schema.withArray("required").add("carrier");
    return schema;
  }

  /** A bundle accepting {@code versions} (1 and/or 2), {@code accepted} being the default. */
  static ContractBundle bundle(int accepted, int... versions) {
    ContractBundle b = new ContractBundle();
    b.setName(NAME);
    b.setEventType(TYPE);
    b.setAcceptedVersion(accepted);
    for (int v : versions) {
      b.getVersions()
          .add(new ContractSchemaVersion(v, "sha256:test-v" + v, v == 1 ? schemaV1() : schemaV2()));
    }
    return b;
  }

  /**
   * Writes {@code content} as {@code <contractsDir>/<contract>/contract.json} the way Kubernetes
   * updates a mounted ConfigMap: into a new timestamped directory, then an atomic swap of the
   * {@code ..data} symlink that {@code contract.json} points through.
   */
  static void writeLikeKubernetes(Path contractsDir, String contract, byte[] content) {
    mountLikeKubernetes(contractsDir.resolve(contract), "contract.json", content);
  }

  /**
   * Writes {@code content} as the key {@code key} of a ConfigMap mounted at {@code dir}, the way
   * Kubernetes does: into a new timestamped directory, then an atomic swap of the {@code ..data}
   * symlink that {@code dir/key} points through.
   */
  static void mountLikeKubernetes(Path dir, String key, byte[] content) {
    try {
      Files.createDirectories(dir);
      Path version = Files.createDirectory(dir.resolve("..v" + System.nanoTime()));
      Files.write(version.resolve(key), content);
      Path tmp = dir.resolve("..data_tmp");
      Files.deleteIfExists(tmp);
      Files.createSymbolicLink(tmp, version.getFileName());
      Files.move(tmp, dir.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      Path visible = dir.resolve(key);
      if (!Files.isSymbolicLink(visible)) {
        Files.createSymbolicLink(visible, Path.of("..data", key));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeLikeKubernetes(Path contractsDir, ContractBundle bundle) {
    try {
      writeLikeKubernetes(contractsDir, bundle.getName(), JSON.writeValueAsBytes(bundle));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A valid v1 flight's data. */
  static ObjectNode flight(String origin, String destination, int delay) {
    ObjectNode data = JSON.createObjectNode();
    data.put("date", "2001/01/01 06:02");
    data.put("delay", delay);
    data.put("distance", 377);
    data.put("origin", origin);
    data.put("destination", destination);
    return data;
  }

  static List<String> airports() {
    return List.of("ATL", "BOS", "BWI", "DEN", "DFW", "DTW", "LAS", "LAX", "ORD", "SFO");
  }

  private FlightContracts() {}
}
