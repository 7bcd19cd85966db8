package dev.sluice.runtime.loader.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.v1alpha1.BatchFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ObjectLayoutTest {
  final ObjectLayout layout = new ObjectLayout("events");
  final Instant time = Instant.parse("2001-01-14T21:37:12Z");

  @Test
  void keysArePartitionedByTypeDateAndHourOfEventTime() {
    assertThat(layout.key("flight.departed", time, "f.enriched", 2, 100, 199, BatchFormat.JSONL_GZ))
        .isEqualTo("events/type=flight.departed/dt=2001-01-14/hr=21/f.enriched-2-100-199.jsonl.gz");
    assertThat(layout.key("t", time, "x", 0, 5, 5, BatchFormat.PARQUET))
        .endsWith("x-0-5-5.parquet");
    assertThat(layout.key("t", time, "x", 0, 5, 5, BatchFormat.JSONL_ZST))
        .endsWith("x-0-5-5.jsonl.zst");
  }

  @Test
  void aJsonLinesReaderReadsEitherCompressionAndAParquetReaderOnlyParquet() {
    assertThat(ObjectLayout.readableAs(BatchFormat.JSONL_GZ, "a/x-0-1-2.jsonl.zst")).isTrue();
    assertThat(ObjectLayout.readableAs(BatchFormat.JSONL_ZST, "a/x-0-1-2.jsonl.gz")).isTrue();
    assertThat(ObjectLayout.readableAs(BatchFormat.JSONL_GZ, "a/x-0-1-2.parquet")).isFalse();
    assertThat(ObjectLayout.readableAs(BatchFormat.PARQUET, "a/x-0-1-2.jsonl.gz")).isFalse();
    assertThat(ObjectLayout.readableAs(BatchFormat.PARQUET, "a/x-0-1-2.parquet")).isTrue();
    assertThat(ObjectLayout.readableAs(BatchFormat.JSONL_GZ, "a/_quality.json")).isFalse();
  }

  @Test
  void eventTypesArePercentEncodedSoTheyCannotLeaveTheirDirectory() {
    assertThat(ObjectLayout.encodeType("com.example/page viewed"))
        .isEqualTo("com.example%2Fpage%20viewed");
    assertThat(ObjectLayout.encodeType("../x")).isEqualTo("..%2Fx");
    assertThat(ObjectLayout.encodeType("é")).isEqualTo("%C3%A9");
  }

  @Test
  void readsTheLastOffsetBackOnlyFromWellFormedKeys() {
    String prefix = layout.objectPrefix("t", time, "x", 1, 40);
    assertThat(ObjectLayout.lastOffset(prefix + "79.jsonl.gz", prefix)).isEqualTo(79);
    assertThat(ObjectLayout.lastOffset(prefix + "79x.jsonl.gz", prefix)).isEqualTo(-1);
    assertThat(ObjectLayout.lastOffset(prefix + ".jsonl.gz", prefix)).isEqualTo(-1);
  }
}
