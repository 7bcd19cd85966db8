package dev.sluice.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice demo} on the real 20,000-flight sample: every flight is enriched or dead-lettered,
 * stored by the batch loader and curated once.
 */
class DemoIT {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path work;

  @Test
  void theFlightsPipelineAccountsForEveryEvent() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      exit =
          SluiceCli.commandLine()
              .execute("demo", "--home", HOME.toString(), "--work-dir", work.toString());
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    original.println(out);

    assertThat(exit).as(out).isZero();
    assertThat(out)
        .contains("sent 20,000  accepted 20,000  rejected 0  failed 0")
        .containsPattern("enriched \\(valid, airports added\\)\\s+20,000")
        .containsPattern("stored by the batch loader\\s+20,000")
        .containsPattern("curated rows \\(distinct ids\\)\\s+20,000")
        .containsPattern("curated windows\\s+90")
        .contains("OK: sent 20,000 = enriched 20,000 + dead letters 0");
    try (Stream<Path> files = Files.walk(work.resolve("objectstore").resolve("flights-curated"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".parquet")).count())
          .as("curated Parquet files")
          .isGreaterThan(0);
    }
  }
}
