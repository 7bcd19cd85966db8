package dev.sluice.runtime.collector.contracts;

/**
 * A contract of the pipeline as the collector knows it (from its bundle file).
 *
 * @param name metadata.name of the DataContract
 * @param eventType the CloudEvents {@code type} it governs
 * @param acceptedVersion the version events that declare none are validated against downstream
 */
public record PipelineContract(String name, String eventType, int acceptedVersion) {}
