package dev.sluice.runtime.model.batch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads curated Parquet files (local copies, as the curation job wrote them) with DuckDB, one row
 * at a time in file order: the event's {@code id}, {@code source}, {@code time} and {@code data} as
 * JSON text. Files of one hour may differ in columns (read unified by name); a missing column reads
 * as null.
 */
final class CuratedRows {

  /**
   * One curated event.
   *
   * @param id the event id, or null
   * @param source the event source, or null
   * @param timeMicros event time in microseconds since the epoch, or null
   * @param data the event's {@code data} as JSON text, or null
   * @param file the local file the row came from
   */
  record Row(String id, String source, Long timeMicros, String data, String file) {}

  /** Receives the rows; may throw to stop the read. */
  interface Sink {
    void accept(Row row) throws Exception;
  }

  private CuratedRows() {}

  /** Reads every row of {@code files} into {@code sink}. */
  static void read(List<Path> files, Sink sink) throws Exception {
    Properties props = new Properties();
    // stream the result in chunks instead of materialising an hour's rows in the JVM
    props.setProperty("jdbc_stream_results", "true");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:", props);
        Statement s = db.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      String list =
          files.stream().map(CuratedRows::literal).collect(Collectors.joining(", ", "[", "]"));
      String from = "read_parquet(" + list + ", union_by_name = true, filename = true)";
      Set<String> columns = columns(s, from);
      String sql =
          "SELECT "
              + text(columns, "id")
              + ", "
              + text(columns, "source")
              + ", "
              + (columns.contains("time") ? "epoch_us(TRY_CAST(\"time\" AS TIMESTAMPTZ))" : "NULL")
              + ", "
              + (columns.contains("data") ? "CAST(to_json(data) AS VARCHAR)" : "NULL")
              + ", filename FROM "
              + from;
      try (ResultSet r = s.executeQuery(sql)) {
        while (r.next()) {
          long micros = r.getLong(3);
          Long time = r.wasNull() ? null : micros;
          sink.accept(
              new Row(r.getString(1), r.getString(2), time, r.getString(4), r.getString(5)));
        }
      }
    }
  }

  private static Set<String> columns(Statement s, String from) throws SQLException {
    Set<String> names = new HashSet<>();
    try (ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + from)) {
      while (r.next()) {
        names.add(r.getString(1));
      }
    }
    return names;
  }

  private static String text(Set<String> columns, String column) {
    return columns.contains(column) ? "CAST(\"" + column + "\" AS VARCHAR)" : "NULL";
  }

  static String literal(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }
}
