package dev.sluice.runtime.model.batch;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The predictions of one hour, written as Parquet (zstd) by DuckDB from newline-delimited JSON that
 * {@link #add} appends to a local file. Columns:
 *
 * <table>
 *   <caption>prediction columns</caption>
 *   <tr><td>{@code id}, {@code source}</td><td>VARCHAR</td><td>the input event's identity</td></tr>
 *   <tr><td>{@code time}</td><td>TIMESTAMP WITH TIME ZONE</td><td>its event time</td></tr>
 *   <tr><td>{@code model}, {@code version}</td><td>VARCHAR</td><td>what predicted it</td></tr>
 *   <tr><td>{@code output}</td><td>FLOAT[]</td><td>the row of the model's first output</td></tr>
 *   <tr><td>{@code predicted}</td><td>VARCHAR</td><td>the label of the highest score, or null
 *       when the model names no labels</td></tr>
 * </table>
 *
 * Rows are in input order (the curated files are ordered by event time).
 */
final class PredictionsFile implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();

  private final Path lines;
  private final JsonGenerator out;
  private long rows;

  PredictionsFile(Path lines) throws IOException {
    this.lines = lines;
    this.out = JSON.createGenerator(Files.newOutputStream(lines), JsonEncoding.UTF8);
    out.setRootValueSeparator(null);
  }

  /** Appends the prediction of one input row: {@code scores[offset .. offset + width)}. */
  void add(
      CuratedRows.Row input,
      String model,
      String version,
      float[] scores,
      int offset,
      int width,
      String predicted)
      throws IOException {
    out.writeStartObject();
    out.writeStringField("id", input.id());
    out.writeStringField("source", input.source());
    if (input.timeMicros() == null) {
      out.writeNullField("time_us");
    } else {
      out.writeNumberField("time_us", input.timeMicros());
    }
    out.writeStringField("model", model);
    out.writeStringField("version", version);
    out.writeArrayFieldStart("output");
    for (int c = 0; c < width; c++) {
      out.writeNumber(scores[offset + c]);
    }
    out.writeEndArray();
    out.writeStringField("predicted", predicted);
    out.writeEndObject();
    out.writeRaw('\n');
    rows++;
  }

  long rows() {
    return rows;
  }

  /** Closes the lines and converts them to Parquet at {@code target}. */
  void writeParquet(Path target) throws Exception {
    out.close();
    String columns =
        "{'id': 'VARCHAR', 'source': 'VARCHAR', 'time_us': 'BIGINT', 'model': 'VARCHAR',"
            + " 'version': 'VARCHAR', 'output': 'FLOAT[]', 'predicted': 'VARCHAR'}";
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = db.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      s.execute(
          "COPY (SELECT id, source, CAST(make_timestamp(time_us) AS TIMESTAMPTZ) AS \"time\","
              + " model, version, output, predicted FROM read_json("
              + CuratedRows.literal(lines)
              + ", format = 'newline_delimited', columns = "
              + columns
              + ")) TO "
              + CuratedRows.literal(target)
              + " (FORMAT parquet, COMPRESSION zstd)");
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
