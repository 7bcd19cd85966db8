package dev.sluice.runtime.loader.batch;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The last few distinct header values a converter remembered, each with its string: most events of
 * a topic share a handful of {@code type} and {@code source} values, so their string and check are
 * made once, not per event. Bounded: remembering one more forgets the one remembered longest ago.
 * Not thread-safe (owned by a {@link BinaryModeLines}).
 *
 * <p>Values are compared byte for byte, and a value's string is a function of its bytes ({@code new
 * String(value, UTF_8)}), so a remembered answer is the one a fresh decode would give. The arrays
 * are kept, not copied: header values are not modified once consumed.
 */
final class RecentValues {
  private final byte[][] values;
  private final String[] strings;
  private int next;

  /**
   * @param capacity how many values are remembered (at least 1)
   */
  RecentValues(int capacity) {
    values = new byte[capacity][];
    strings = new String[capacity];
  }

  /** The string of {@code value} when it is remembered, else null. */
  String find(byte[] value) {
    for (int i = 0; i < values.length; i++) {
      if (Arrays.equals(values[i], value)) {
        return strings[i];
      }
    }
    return null;
  }

  /** The string of {@code value}, decoded as UTF-8 and remembered when it was not already. */
  String decode(byte[] value) {
    String s = find(value);
    if (s == null) {
      s = new String(value, StandardCharsets.UTF_8);
      remember(value, s);
    }
    return s;
  }

  /** Remembers {@code value} with its string {@code decoded}. */
  void remember(byte[] value, String decoded) {
    values[next] = value;
    strings[next] = decoded;
    next = (next + 1) % values.length;
  }
}
