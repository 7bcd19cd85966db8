package dev.sluice.runtime.model.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A model registry in a local directory: the object {@code a/b/c} is the file {@code <root>/a/b/c}.
 * Writes go to a temporary file moved into place, so a reader sees the old or the new object.
 */
public final class DirectoryModelStore implements ModelStore {
  private final Path root;

  /**
   * @param root the directory standing for the bucket (created on first write)
   */
  public DirectoryModelStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public Optional<byte[]> get(String key, long maxBytes) throws IOException {
    Path file = resolve(key);
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new IOException(
            "object " + key + " in " + describe() + " is " + size + " bytes, over " + maxBytes);
      }
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void put(String key, byte[] body, String contentType) throws IOException {
    Path file = resolve(key);
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), ".put-", ".tmp");
    try {
      Files.write(tmp, body);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private Path resolve(String key) throws IOException {
    Path file = root.resolve(key).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw new IOException("object key '" + key + "' leaves the registry directory " + root);
    }
    return file;
  }

  @Override
  public String describe() {
    return "dir " + root;
  }

  @Override
  public void close() {}
}
