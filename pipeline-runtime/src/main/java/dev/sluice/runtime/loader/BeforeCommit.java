package dev.sluice.runtime.loader;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Called by a loader after its write was acknowledged (bulk response, object stored) and before it
 * commits the offsets: the point where a crash leaves written data with uncommitted offsets. The
 * crash-recovery tests halt the process here; production passes {@link #NONE}.
 */
@FunctionalInterface
public interface BeforeCommit {
  BeforeCommit NONE = offsets -> {};

  /**
   * @param offsets the offsets about to be committed
   */
  void written(Map<TopicPartition, OffsetAndMetadata> offsets);
}
