package dev.sluice.runtime.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.stage.ContractBundle;
import dev.sluice.api.stage.ContractSchemaVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractRegistryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static byte[] bundle(String name, String type, int accepted, int... versions)
      throws Exception {
    ContractBundle b = new ContractBundle();
    b.setName(name);
    b.setEventType(type);
    b.setAcceptedVersion(accepted);
    for (int v : versions) {
      b.getVersions()
          .add(new ContractSchemaVersion(v, "f" + v, JSON.readTree("{\"type\":\"object\"}")));
    }
    return JSON.writeValueAsBytes(b);
  }

  /** Writes the bundle as Kubernetes does: new directory, then swap the ..data symlink. */
  private void swap(String contract, byte[] content) throws Exception {
    Path c = Files.createDirectories(dir.resolve(contract));
    Path version = Files.createDirectory(c.resolve("..v" + System.nanoTime()));
    Files.write(version.resolve("contract.json"), content);
    Path tmp = Files.createSymbolicLink(c.resolve("..data_tmp"), version.getFileName());
    Files.move(tmp, c.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
    if (!Files.exists(c.resolve("contract.json"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(c.resolve("contract.json"), Path.of("..data/contract.json"));
    }
  }

  @Test
  void followsASymlinkSwapAndKeepsTheLastGoodBundleWhenANewOneIsBad() throws Exception {
    swap("flights", bundle("flights", "flight.departed", 1, 1));
    ContractRegistry<ContractBundle> registry = new ContractRegistry<>(dir, Function.identity());
    registry.scan();
    assertThat(registry.forEventType("flight.departed").orElseThrow().getAcceptedVersion())
        .isEqualTo(1);

    swap("flights", bundle("flights", "flight.departed", 2, 1, 2));
    registry.scan();
    assertThat(registry.forEventType("flight.departed").orElseThrow().getAcceptedVersion())
        .isEqualTo(2);

    swap("flights", "not json".getBytes());
    registry.scan();
    swap("flights", bundle("flights", "flight.departed", 3, 1, 2));
    registry.scan();
    byte[] huge = new byte[(int) ContractBundleReader.MAX_BUNDLE_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    swap("flights", huge);
    registry.scan();

    assertThat(registry.refusals()).isEqualTo(3);
    assertThat(registry.forEventType("flight.departed").orElseThrow().getAcceptedVersion())
        .isEqualTo(2);
  }

  @Test
  void refusesWhatTheCompilerRefusesAndForgetsRemovedContracts() throws Exception {
    swap("a", bundle("a", "type.a", 1, 1));
    swap("b", bundle("b", "type.b", 1, 1));
    ContractRegistry<String> registry =
        new ContractRegistry<>(
            dir,
            b -> {
              if (b.getName().equals("b")) {
                throw new IllegalArgumentException("versions[version=1].schema does not compile");
              }
              return b.getName();
            });
    registry.scan();
    assertThat(registry.forEventType("type.a")).contains("a");
    assertThat(registry.forEventType("type.b")).isEmpty();
    assertThat(registry.refusals()).isEqualTo(1);

    org.assertj.core.api.Assertions.assertThatCode(
            () -> {
              try (var files = Files.walk(dir.resolve("a"))) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
              }
            })
        .doesNotThrowAnyException();
    registry.scan();
    assertThat(registry.size()).isZero();
  }

  @Test
  void readerNamesTheFieldAtFault() throws Exception {
    Path file = dir.resolve("contract.json");
    Files.write(file, bundle("x", "type.x", 3, 1, 2));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContractBundleReader.read(file))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("acceptedVersion 3 is not among versions");
  }
}
