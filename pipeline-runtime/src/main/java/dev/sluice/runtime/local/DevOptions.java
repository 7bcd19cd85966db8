package dev.sluice.runtime.local;

import java.nio.file.Path;

/**
 * How {@code sluice dev} runs a pipeline on this machine.
 *
 * @param workDir where the broker's data, rendered configuration, contract bundles, lookup tables
 *     and the local object store live
 * @param pipelineName which DataPipeline to run, or null when exactly one was given
 * @param collectorPort HTTP port of the collector on 127.0.0.1 (0 for a free one)
 * @param kafkaPort client port of the embedded broker (0 for a free one)
 * @param opensearchUrl URL of an OpenSearch/Elasticsearch node for the real-time loader, or null to
 *     run without it
 * @param s3Endpoint endpoint of an existing S3/MinIO for the batch loader, or null for the local
 *     directory {@code <workDir>/objectstore}
 * @param s3AccessKey access key for {@code s3Endpoint}
 * @param s3SecretKey secret key for {@code s3Endpoint}
 */
public record DevOptions(
    Path workDir,
    String pipelineName,
    int collectorPort,
    int kafkaPort,
    String opensearchUrl,
    String s3Endpoint,
    String s3AccessKey,
    String s3SecretKey) {

  /** The local object store directory used when no S3 endpoint is given. */
  public Path objectStoreDir() {
    return workDir.resolve("objectstore");
  }
}
