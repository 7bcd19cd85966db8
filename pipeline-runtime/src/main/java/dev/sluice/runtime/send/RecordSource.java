package dev.sluice.runtime.send;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Records of a data file, one JSON object each, read in order and never all at once.
 *
 * <p>Formats by file extension: {@code .json} (an array of objects, or objects one after another),
 * {@code .jsonl}/{@code .ndjson} (one object per line), {@code .csv} (header row; column types
 * inferred) and {@code .parquet}.
 */
public interface RecordSource extends AutoCloseable {

  /**
   * @return the next record, or null at the end of the file (or of the limit)
   * @throws IOException when the file cannot be read or a record is malformed; the message names
   *     the record number
   */
  ObjectNode next() throws IOException;

  @Override
  void close() throws IOException;

  /**
   * Opens a file.
   *
   * @param file the data file
   * @param limit most records to read; 0 or less reads them all
   * @throws IllegalArgumentException when the file is missing or its extension is not one of the
   *     formats above
   * @throws IOException when it cannot be opened
   */
  static RecordSource open(Path file, long limit) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("file " + file + " does not exist");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return new JsonRecordSource(file, limit);
    }
    if (name.endsWith(".csv")) {
      return DuckDbRecordSource.csv(file, limit);
    }
    if (name.endsWith(".parquet")) {
      return DuckDbRecordSource.parquet(file, limit);
    }
    throw new IllegalArgumentException(
        "file " + file + " is not .json, .jsonl, .ndjson, .csv or .parquet");
  }
}
