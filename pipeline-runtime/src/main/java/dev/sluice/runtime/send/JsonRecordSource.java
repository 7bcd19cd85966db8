package dev.sluice.runtime.send;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams JSON objects from a JSON array, or from objects one after another (JSON Lines), with
 * Jackson's streaming parser, keeping values exactly as written.
 */
final class JsonRecordSource implements RecordSource {
  /** Largest string value accepted in a record, in characters. */
  static final int MAX_STRING_CHARS = 1 << 20;

  /** Deepest nesting accepted in a record. */
  static final int MAX_NESTING = 64;

  private final JsonParser parser;
  private final ObjectMapper mapper = new ObjectMapper();
  private final long limit;
  private long read;
  private boolean inArray;

  JsonRecordSource(Path file, long limit) throws IOException {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNestingDepth(MAX_NESTING)
                    .build())
            .build();
    this.parser = factory.createParser(file.toFile());
    this.limit = limit;
    JsonToken first = parser.nextToken();
    inArray = first == JsonToken.START_ARRAY;
    if (inArray) {
      parser.nextToken();
    }
  }

  @Override
  public ObjectNode next() throws IOException {
    if (limit > 0 && read >= limit) {
      return null;
    }
    JsonToken token = parser.currentToken();
    if (token == null || token == JsonToken.END_ARRAY) {
      return null;
    }
    long number = read + 1;
    try {
      JsonNode node = mapper.readTree(parser);
      parser.nextToken();
      if (!(node instanceof ObjectNode object)) {
        throw new IOException("record " + number + " is not a JSON object");
      }
      read++;
      return object;
    } catch (JsonProcessingException e) {
      throw new IOException(
          "record " + number + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
