package dev.sluice.runtime.objectstore;

import dev.sluice.api.v1alpha1.SluiceApi;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An object store in a local directory, for {@code sluice dev}: bucket {@code b}, key {@code k} is
 * the file {@code <root>/b/k}. A put writes a temporary file beside the target and renames it, so a
 * reader sees the old or the new object, never a part.
 */
public final class DirectoryObjectStore implements ObjectStore {
  private static final Pattern BUCKET = Pattern.compile(SluiceApi.BUCKET_PATTERN);
  private static final String TEMP_MARK = ".sluice-tmp-";

  private final Path root;

  /**
   * @param root the directory holding one sub-directory per bucket; made if missing
   */
  public DirectoryObjectStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public void ensureBucket(String bucket) throws ObjectStoreException {
    try {
      Files.createDirectories(bucketDir(bucket));
    } catch (IOException e) {
      throw new ObjectStoreException("cannot make bucket directory " + bucketDir(bucket), e);
    }
  }

  @Override
  public void put(String bucket, String key, Path file, String contentType)
      throws ObjectStoreException {
    Path target = file(bucket, key);
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), TEMP_MARK, "");
      Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
      publish(temp, target);
    } catch (IOException e) {
      throw new ObjectStoreException("cannot write object " + bucket + "/" + key, e);
    }
  }

  @Override
  public void put(String bucket, String key, byte[] body, String contentType)
      throws ObjectStoreException {
    Path target = file(bucket, key);
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), TEMP_MARK, "");
      Files.write(temp, body);
      publish(temp, target);
    } catch (IOException e) {
      throw new ObjectStoreException("cannot write object " + bucket + "/" + key, e);
    }
  }

  @Override
  public Optional<byte[]> get(String bucket, String key, long maxBytes)
      throws ObjectStoreException {
    Path file = file(bucket, key);
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw ObjectStoreException.tooLarge(bucket, key, size, maxBytes);
      }
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (ObjectStoreException e) {
      throw e;
    } catch (IOException e) {
      throw new ObjectStoreException("cannot read object " + bucket + "/" + key, e);
    }
  }

  @Override
  public void download(String bucket, String key, Path target) throws ObjectStoreException {
    try {
      Files.copy(file(bucket, key), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ObjectStoreException("cannot read object " + bucket + "/" + key, e);
    }
  }

  @Override
  public List<StoredObject> list(String bucket, String prefix) throws ObjectStoreException {
    Path dir = bucketDir(bucket);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<StoredObject> objects = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String key = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
        if (Files.isRegularFile(p) && key.startsWith(prefix) && !isTemp(p)) {
          objects.add(new StoredObject(key, Files.size(p)));
        }
      }
    } catch (NoSuchFileException e) {
      // a concurrent delete of a file being walked: it is simply not listed
    } catch (IOException e) {
      throw new ObjectStoreException("cannot list " + bucket + "/" + prefix, e);
    }
    objects.sort(Comparator.comparing(StoredObject::key));
    return objects;
  }

  @Override
  public void delete(String bucket, String key) throws ObjectStoreException {
    try {
      Files.deleteIfExists(file(bucket, key));
    } catch (IOException e) {
      throw new ObjectStoreException("cannot delete object " + bucket + "/" + key, e);
    }
  }

  @Override
  public String describe() {
    return "dir " + root;
  }

  @Override
  public void close() {}

  private Path bucketDir(String bucket) {
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("bucket name '" + bucket + "' is not a valid S3 name");
    }
    return root.resolve(bucket);
  }

  private Path file(String bucket, String key) {
    return bucketDir(bucket).resolve(ObjectKeys.check(key));
  }

  private static boolean isTemp(Path p) {
    return p.getFileName().toString().startsWith(TEMP_MARK);
  }

  private static void publish(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
