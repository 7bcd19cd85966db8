package dev.sluice.runtime.objectstore;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The object store the batch loader writes to, curation reads from and the model registry lives in:
 * an S3-compatible server ({@link MinioObjectStore}) or, for {@code sluice dev}, a local directory
 * ({@link DirectoryObjectStore}) with the same bucket and key layout.
 *
 * <p>Keys are {@code /}-separated, relative, at most {@link ObjectKeys#MAX_KEY_BYTES} bytes of
 * UTF-8, and contain no {@code .} or {@code ..} segments. A put replaces an object of the same key
 * whole: readers see the old object or the new one, never a part.
 *
 * <p>Every operation throws {@link ObjectStoreException} when the store cannot be reached or
 * refuses the request; callers retry those with backoff.
 */
public interface ObjectStore extends AutoCloseable {

  /** Makes the bucket unless it exists. */
  void ensureBucket(String bucket) throws ObjectStoreException;

  /**
   * Stores a local file as the object {@code key}, replacing an existing one.
   *
   * @param contentType the object's media type, e.g. {@code application/gzip}
   */
  void put(String bucket, String key, Path file, String contentType) throws ObjectStoreException;

  /** Stores {@code body} as the object {@code key}, replacing an existing one. */
  void put(String bucket, String key, byte[] body, String contentType) throws ObjectStoreException;

  /**
   * Reads an object whole into memory.
   *
   * @param maxBytes the largest object accepted, in bytes
   * @return the bytes, or empty when there is no such object
   * @throws ObjectStoreException when the store cannot be read or the object is larger than {@code
   *     maxBytes} (the message names the key)
   */
  Optional<byte[]> get(String bucket, String key, long maxBytes) throws ObjectStoreException;

  /** Copies the object {@code key} to the local file {@code target}, replacing it. */
  void download(String bucket, String key, Path target) throws ObjectStoreException;

  /**
   * Every object whose key starts with {@code prefix}, at any depth, sorted by key. An absent
   * bucket holds no objects.
   */
  List<StoredObject> list(String bucket, String prefix) throws ObjectStoreException;

  /** Removes the object; removing an absent object is not an error. */
  void delete(String bucket, String key) throws ObjectStoreException;

  /** Where the objects go, for logs: {@code s3 http://minio:9000} or {@code dir /var/sluice}. */
  String describe();

  @Override
  void close();
}
