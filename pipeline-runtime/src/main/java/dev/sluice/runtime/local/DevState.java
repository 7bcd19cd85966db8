package dev.sluice.runtime.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.api.v1alpha1.PipelineTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a running {@code sluice dev} pipeline tells other commands ({@code sluice status}, {@code
 * sluice send}, {@code sluice curate}): written to {@code <work-dir>/state.json} at start.
 *
 * @param pipeline the pipeline's name
 * @param bootstrapServers the embedded broker
 * @param collectorUrl the collector's base URL
 * @param topics the pipeline's topics
 * @param objectStoreDir the local object store directory, or null when an S3 endpoint is used
 * @param rawBucket the batch loader's bucket, or null
 * @param curatedBucket the curation bucket, or null
 */
public record DevState(
    String pipeline,
    String bootstrapServers,
    String collectorUrl,
    PipelineTopics topics,
    String objectStoreDir,
    String rawBucket,
    String curatedBucket) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** {@code <workDir>/state.json}. */
  public static Path file(Path workDir) {
    return workDir.resolve("state.json");
  }

  /** Writes this state to {@code <workDir>/state.json}. */
  public void write(Path workDir) throws IOException {
    JSON.writeValue(file(workDir).toFile(), this);
  }

  /**
   * Reads the state of the pipeline last started in {@code workDir}.
   *
   * @throws IllegalArgumentException when there is none, naming the directory
   */
  public static DevState read(Path workDir) {
    Path file = file(workDir);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no local pipeline in "
              + workDir
              + " (start one with sluice dev up, or pass --work-dir)");
    }
    try {
      return JSON.readValue(file.toFile(), DevState.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not readable: " + e.getMessage());
    }
  }
}
