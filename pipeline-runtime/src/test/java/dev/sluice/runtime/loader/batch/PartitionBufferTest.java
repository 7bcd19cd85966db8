package dev.sluice.runtime.loader.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionBufferTest {
  static BufferedLine line(long offset) {
    return new BufferedLine(offset, "t", Instant.EPOCH, new byte[9]);
  }

  @Test
  void isDueWhenFullOrOldEnough() {
    PartitionBuffer b = new PartitionBuffer(new TopicPartition("x", 0));
    assertThat(b.flushUpTo(0, 3, 1_000_000, 1000)).isEqualTo(-1);
    b.add(line(5), 0);
    b.add(line(6), 0);
    assertThat(b.flushUpTo(10, 3, 1_000_000, 1000)).isEqualTo(-1);
    assertThat(b.flushUpTo(1000, 3, 1_000_000, 1000)).isEqualTo(6);
    b.add(line(7), 10);
    assertThat(b.full(3, 1_000_000)).isTrue();
    assertThat(b.full(4, 30)).isTrue(); // 3 lines of 9 bytes + newline
    assertThat(b.full(4, 31)).isFalse();
  }

  @Test
  void sealsUpToAnOffsetAndKeepsTheRestAsANewBuffer() {
    PartitionBuffer b = new PartitionBuffer(new TopicPartition("x", 0));
    b.probed = true;
    for (long o = 5; o <= 9; o++) {
      b.add(line(o), 0);
    }
    FlushJob job = b.seal(7, 500);
    assertThat(job.first()).isEqualTo(5);
    assertThat(job.upTo()).isEqualTo(7);
    assertThat(job.items()).extracting(PartitionBuffer.Item::offset).containsExactly(5L, 6L, 7L);
    assertThat(b.firstOffset()).isEqualTo(8);
    assertThat(b.size()).isEqualTo(2);
    assertThat(b.probed).isTrue();
    // the rest counts from the seal: not old enough before 500 + interval
    assertThat(b.flushUpTo(1000, 100, 1_000_000, 1000)).isEqualTo(-1);
    assertThat(b.flushUpTo(1500, 100, 1_000_000, 1000)).isEqualTo(9);
  }

  @Test
  void repeatsAnEarlierRunsBoundaryExactlyAndKeepsTheRest() {
    PartitionBuffer b = new PartitionBuffer(new TopicPartition("x", 0));
    b.recoveredLast = 8;
    b.probed = true;
    for (long o = 5; o <= 7; o++) {
      b.add(line(o), 0);
    }
    // full by count, old enough: still waits for the earlier run's last offset
    assertThat(b.flushUpTo(99_999, 2, 1, 1)).isEqualTo(-1);
    b.add(line(8), 0);
    b.add(line(9), 0);
    assertThat(b.flushUpTo(0, 1000, 1_000_000, 1000)).isEqualTo(8);

    FlushJob job = b.seal(8, 0);
    assertThat(job.items()).hasSize(4);
    assertThat(b.firstOffset()).isEqualTo(9);
    assertThat(b.size()).isEqualTo(1);
    assertThat(b.recoveredLast).isEqualTo(-1);
    // the crashed run may have flushed the next part too: ask the store again
    assertThat(b.probed).isFalse();
  }
}
