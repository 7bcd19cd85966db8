package dev.sluice.runtime.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What identifies one content of a file cheaply: its path with symlinks resolved (Kubernetes swaps
 * the {@code ..data} link of a mounted ConfigMap, so the visible path stays the same), modification
 * time (ms) and size (bytes).
 */
record FileStamp(Path realPath, long modifiedMillis, long size) {

  /** The stamp of {@code file} now; a file that vanished meanwhile gets an empty stamp. */
  static FileStamp of(Path file) {
    try {
      Path real = file.toRealPath();
      return new FileStamp(real, Files.getLastModifiedTime(real).toMillis(), Files.size(real));
    } catch (IOException e) {
      return new FileStamp(file, -1, -1);
    }
  }
}
