package dev.sluice.runtime.objectstore;

import java.nio.charset.StandardCharsets;

/** Checks on object keys, so a key can never escape its bucket (directory store) or be refused. */
final class ObjectKeys {
  /** S3's limit on key length, in bytes of UTF-8. */
  static final int MAX_KEY_BYTES = 1024;

  /**
   * @throws IllegalArgumentException naming the key when it is empty, too long, absolute, holds a
   *     {@code .}/{@code ..} segment, an empty segment or a control character
   */
  static String check(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("object key is empty");
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          "object key is longer than " + MAX_KEY_BYTES + " bytes: " + key.substring(0, 64) + "…");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("object key '" + key + "' has an invalid segment");
      }
    }
    if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
      throw new IllegalArgumentException("object key '" + key + "' has a control character");
    }
    return key;
  }

  private ObjectKeys() {}
}
