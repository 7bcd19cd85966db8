package dev.sluice.runtime.enricher.enrichment;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The members a step added to an event's data, already rendered as JSON object members ({@code
 * "origin_city":"Detroit","origin_lat":42.2}), so the enriched data can be written by appending
 * them to the original data bytes instead of serializing the whole tree again for every event.
 *
 * @param json UTF-8 JSON object members without braces; empty when nothing was added
 * @param count how many members {@code json} holds
 */
public record AddedMembers(byte[] json, int count) {
  /** Nothing added (a step that failed with {@code onError: continue}). */
  public static final AddedMembers NONE = new AddedMembers(new byte[0], 0);

  /**
   * {@code object} with {@code added} appended before its closing brace.
   *
   * @param object the UTF-8 bytes of a JSON object (as validated), possibly surrounded by
   *     whitespace
   * @param added members whose names are all new to {@code object} and to each other
   */
  public static byte[] appendTo(byte[] object, List<AddedMembers> added) {
    int close = object.length - 1;
    while (close > 0 && object[close] != '}') {
      close--;
    }
    int open = 0;
    while (open < close && object[open] != '{') {
      open++;
    }
    boolean empty = true;
    for (int i = open + 1; i < close && empty; i++) {
      empty = Character.isWhitespace(object[i]);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(object.length + 64 * added.size());
    out.write(object, 0, close);
    for (AddedMembers members : added) {
      if (members.count() > 0) {
        if (!empty) {
          out.write(',');
        }
        out.writeBytes(members.json());
        empty = false;
      }
    }
    out.write(object, close, object.length - close);
    return out.toByteArray();
  }
}
