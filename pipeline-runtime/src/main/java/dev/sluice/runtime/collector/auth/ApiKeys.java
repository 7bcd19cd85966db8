package dev.sluice.runtime.collector.auth;

import dev.sluice.runtime.collector.contracts.PolledFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's accepted API keys: one per line of a file (a mounted Secret), blank lines and
 * lines starting with {@code #} ignored, re-read by {@link #refresh()} when the file changes. Keys
 * are held as SHA-256 digests, so a comparison takes the same time whatever the key. A file larger
 * than {@link #MAX_FILE_BYTES} or unreadable keeps the previous keys (logged); when it never could
 * be read no key is accepted.
 */
public final class ApiKeys {
  /** Largest keys file read, in bytes. */
  public static final long MAX_FILE_BYTES = 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);

  private final PolledFile file;
  private volatile Set<String> digests = Set.of();

  public ApiKeys(Path file) {
    this.file = new PolledFile(file);
  }

  /** Re-reads the file when it changed. */
  public synchronized void refresh() {
    if (!file.changed()) {
      return;
    }
    try {
      if (Files.size(file.path()) > MAX_FILE_BYTES) {
        LOG.warn("API keys file {} is larger than {} bytes; ignored", file.path(), MAX_FILE_BYTES);
        return;
      }
      Set<String> read = new HashSet<>();
      for (String line : Files.readAllLines(file.path(), StandardCharsets.UTF_8)) {
        String key = line.strip();
        if (!key.isEmpty() && !key.startsWith("#")) {
          read.add(digest(key));
        }
      }
      digests = Set.copyOf(read);
      LOG.info("read {} API keys from {}", read.size(), file.path());
    } catch (IOException e) {
      LOG.warn("cannot read API keys file {}: {}", file.path(), e.getMessage());
    }
  }

  /**
   * @param authorization the {@code Authorization} header ({@code Bearer <key>}), or null
   * @param apiKey the {@code X-API-Key} header, or null
   * @return whether either carries an accepted key
   */
  public boolean accepts(String authorization, String apiKey) {
    if (apiKey != null && digests.contains(digest(apiKey.strip()))) {
      return true;
    }
    return authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && digests.contains(digest(authorization.substring(7).strip()));
  }

  private static String digest(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
