package dev.sluice.runtime.loader.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import dev.sluice.api.v1alpha1.BatchFormat;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ObjectEncoderTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(names = {"JSONL_GZ", "JSONL_ZST"})
  void writesEachLineAndANewlineCompressed(BatchFormat format) throws Exception {
    // many small lines across chunk boundaries, and one line longer than a chunk
    List<BufferedLine> lines = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      lines.add(line(i, "{\"n\":" + i + "}"));
    }
    lines.add(line(5_000, "{\"big\":\"" + "x".repeat(200_000) + "\"}"));
    lines.add(line(5_001, "{\"n\":\"last\"}"));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (BufferedLine l : lines) {
      expected.writeBytes(l.json());
      expected.write('\n');
    }

    try (ObjectEncoder encoder = new ObjectEncoder(format, dir)) {
      Path file = encoder.encode(lines);

      assertThat(file.getFileName().toString()).endsWith(ObjectLayout.extension(format));
      InputStream raw = Files.newInputStream(file);
      try (InputStream in =
          format == BatchFormat.JSONL_ZST ? new ZstdInputStream(raw) : new GZIPInputStream(raw)) {
        assertThat(in.readAllBytes()).isEqualTo(expected.toByteArray());
      }
    }
  }

  private static BufferedLine line(long offset, String json) {
    return new BufferedLine(offset, "t", Instant.EPOCH, json.getBytes(StandardCharsets.UTF_8));
  }
}
