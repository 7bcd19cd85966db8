package dev.sluice.runtime.model.registry;

import java.io.IOException;
import java.util.Optional;

/**
 * The objects of one model registry bucket: an S3-compatible bucket ({@link S3ModelStore}) or a
 * local directory with the same key layout ({@link DirectoryModelStore}).
 *
 * <p>This is the minimal reading and writing the model stages need. It stands in until the shared
 * {@code dev.sluice.runtime.objectstore.ObjectStore} (branch {@code loaders}) is on main, which it
 * can then delegate to.
 *
 * <p>Keys are {@code /}-separated and relative, e.g. {@code flight-delay/2/model.onnx}.
 */
public interface ModelStore extends AutoCloseable {

  /**
   * Reads an object whole.
   *
   * @param maxBytes the largest object accepted, in bytes
   * @return the bytes, or empty when there is no such object
   * @throws IOException when the store cannot be read or the object is larger than {@code maxBytes}
   *     (the message names the key)
   */
  Optional<byte[]> get(String key, long maxBytes) throws IOException;

  /** Stores {@code body} as the object {@code key}, replacing an existing one whole. */
  void put(String key, byte[] body, String contentType) throws IOException;

  /** Where the registry is, for logs and errors: {@code s3://models} or {@code dir /var/models}. */
  String describe();

  @Override
  void close();
}
