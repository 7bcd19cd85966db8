package dev.sluice.runtime.send;

import static java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Properties;

/**
 * Streams the rows of a CSV or Parquet file through DuckDB's JDBC driver (results are streamed, not
 * materialised). Timestamps become ISO-8601 strings without a zone, as written in the file.
 */
final class DuckDbRecordSource implements RecordSource {
  private final Connection connection;
  private final PreparedStatement statement;
  private final ResultSet rows;
  private final ResultSetMetaData columns;
  private long read;

  private DuckDbRecordSource(String function, Path file, long limit) throws IOException {
    try {
      Properties props = new Properties();
      props.setProperty("jdbc_stream_results", "true");
      connection = DriverManager.getConnection("jdbc:duckdb:", props);
      statement =
          connection.prepareStatement(
              "SELECT * FROM " + function + "(?)" + (limit > 0 ? " LIMIT " + limit : ""));
      statement.setString(1, file.toString());
      rows = statement.executeQuery();
      columns = rows.getMetaData();
    } catch (SQLException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static DuckDbRecordSource csv(Path file, long limit) throws IOException {
    return new DuckDbRecordSource("read_csv_auto", file, limit);
  }

  static DuckDbRecordSource parquet(Path file, long limit) throws IOException {
    return new DuckDbRecordSource("read_parquet", file, limit);
  }

  @Override
  public ObjectNode next() throws IOException {
    try {
      if (!rows.next()) {
        return null;
      }
      read++;
      ObjectNode record = JsonNodeFactory.instance.objectNode();
      for (int i = 1; i <= columns.getColumnCount(); i++) {
        put(record, columns.getColumnLabel(i), rows.getObject(i));
      }
      return record;
    } catch (SQLException e) {
      throw new IOException("record " + (read + 1) + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static void put(ObjectNode record, String name, Object value) {
    switch (value) {
      case null -> record.putNull(name);
      case Integer i -> record.put(name, i);
      case Long l -> record.put(name, l);
      case Short s -> record.put(name, s);
      case Byte b -> record.put(name, b);
      case Double d -> record.put(name, d);
      case Float f -> record.put(name, f);
      case BigDecimal d -> record.put(name, d);
      case Boolean b -> record.put(name, b);
      case Timestamp t -> record.put(name, ISO_LOCAL_DATE_TIME.format(t.toLocalDateTime()));
      case LocalDateTime t -> record.put(name, ISO_LOCAL_DATE_TIME.format(t));
      case OffsetDateTime t -> record.put(name, t.toString());
      default -> record.put(name, value.toString());
    }
  }

  @Override
  public void close() throws IOException {
    try (connection;
        statement;
        rows) {
      // Closed in reverse order by try-with-resources.
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }
}
