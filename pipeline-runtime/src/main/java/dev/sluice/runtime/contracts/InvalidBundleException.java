package dev.sluice.runtime.contracts;

import java.nio.file.Path;

/** A contract bundle file that is refused; the message names the file and what is wrong. */
public class InvalidBundleException extends RuntimeException {
  private final Path file;

  public InvalidBundleException(Path file, String problem) {
    super("contract bundle " + file + " refused: " + problem);
    this.file = file;
  }

  /** The refused file. */
  public Path file() {
    return file;
  }
}
