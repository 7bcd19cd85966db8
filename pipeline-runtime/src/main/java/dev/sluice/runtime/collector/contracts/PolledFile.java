package dev.sluice.runtime.collector.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Tells whether a file changed since the last look, by modification time and size. Polling (rather
 * than a WatchService) also sees a Kubernetes ConfigMap or Secret update, which swaps a symlink the
 * file resolves through.
 */
public final class PolledFile {
  private final Path path;
  private Object lastSeen = "never";

  public PolledFile(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  /** Whether the file appeared, disappeared or changed since the previous call. */
  public boolean changed() {
    Object now;
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      now = a.lastModifiedTime().toMillis() + ":" + a.size();
    } catch (IOException e) {
      now = null;
    }
    boolean changed = !Objects.equals(now, lastSeen);
    lastSeen = now;
    return changed;
  }
}
