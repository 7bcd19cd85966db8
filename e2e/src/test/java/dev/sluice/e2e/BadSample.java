package dev.sluice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A resource the API server must reject, from {@code src/test/resources/bad-samples}. Its header
 * says which rule it breaks ({@code # Breaks: ...}) and what the server's answer must contain
 * ({@code # expect: ...}, one or more lines; together they name the field and the reason).
 *
 * @param file the YAML file
 * @param kind the kind of the resource
 * @param breaks the rule it breaks
 * @param expected the texts the rejection must contain
 */
public record BadSample(Path file, String kind, String breaks, List<String> expected) {

  private static final String BREAKS = "# Breaks: ";
  private static final String EXPECT = "# expect: ";

  /**
   * Reads a bad sample.
   *
   * @throws IllegalArgumentException when the header lacks a rule or an expectation
   */
  public static BadSample read(Path file) {
    List<String> lines = lines(file);
    String breaks =
        lines.stream()
            .filter(l -> l.startsWith(BREAKS))
            .map(l -> l.substring(BREAKS.length()))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException(file + " has no '" + BREAKS + "'"));
    List<String> expected =
        lines.stream()
            .filter(l -> l.startsWith(EXPECT))
            .map(l -> l.substring(EXPECT.length()))
            .toList();
    if (expected.isEmpty()) {
      throw new IllegalArgumentException(file + " has no '" + EXPECT + "' line");
    }
    String kind =
        lines.stream()
            .filter(l -> l.startsWith("kind: "))
            .map(l -> l.substring("kind: ".length()).strip())
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException(file + " has no kind"));
    return new BadSample(file, kind, breaks, expected);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return file.getFileName().toString();
  }
}
