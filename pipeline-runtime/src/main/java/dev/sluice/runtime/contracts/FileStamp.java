package dev.sluice.runtime.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What identifies one content of a file cheaply: its path with symlinks resolved (Kubernetes swaps
 * the {@code ..data} link of a mounted ConfigMap, so the visible path stays the same), modification
 * time (ms) and size (bytes). Used by every stage that reloads a mounted file when it changes
 * (contract bundles, the enricher's lookup tables).
 *
 * @param realPath the path with symlinks resolved
 * @param modifiedMillis modification time, ms since the epoch; -1 when the file cannot be read
 * @param size size in bytes; -1 when the file cannot be read
 */
public record FileStamp(Path realPath, long modifiedMillis, long size) {

  /** The stamp of {@code file} now; a file that vanished meanwhile gets an empty stamp. */
  public static FileStamp of(Path file) {
    try {
      Path real = file.toRealPath();
      return new FileStamp(real, Files.getLastModifiedTime(real).toMillis(), Files.size(real));
    } catch (IOException e) {
      return new FileStamp(file, -1, -1);
    }
  }
}
