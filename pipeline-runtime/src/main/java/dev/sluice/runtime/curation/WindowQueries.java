package dev.sluice.runtime.curation;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The DuckDB side of curating a window: loads the batch objects (local copies), deduplicates them
 * and answers the SLA questions. Tables: {@code raw} (as read), {@code keyed} (plus {@code __k}
 * dedupe key, {@code __t} event time and {@code __r} received-at as {@code TIMESTAMPTZ}, {@code
 * __hr} the hour directory the object came from) and {@code curated} (one row per key, the earliest
 * received).
 */
final class WindowQueries {
  private final Connection db;

  WindowQueries(Connection db) {
    this.db = db;
  }

  /**
   * Loads the files (all JSON Lines, gzip or zstd by extension, or all Parquet), read with a schema
   * unified by column name.
   *
   * @param dedupeKey an attribute name (checked by {@link CurationSettings})
   */
  void load(List<Path> files, boolean parquet, String dedupeKey) throws SQLException {
    String list =
        files.stream().map(WindowQueries::literal).collect(Collectors.joining(", ", "[", "]"));
    String read =
        parquet
            ? "read_parquet(" + list + ", union_by_name = true, filename = true)"
            : "read_json("
                + list
                + ", format = 'newline_delimited', union_by_name = true, sample_size = -1,"
                + " filename = true)";
    execute("SET TimeZone = 'UTC'");
    execute("CREATE OR REPLACE TABLE raw AS SELECT * FROM " + read);
    Set<String> columns = columns();
    if (!columns.contains(dedupeKey)) {
      throw new SQLException("the events have no attribute '" + dedupeKey + "' to deduplicate on");
    }
    execute(
        "CREATE OR REPLACE TABLE keyed AS SELECT * EXCLUDE (filename), "
            + timestamp(columns, "time")
            + " AS __t, "
            + timestamp(columns, "sluicereceivedat")
            + " AS __r, CAST(\""
            + dedupeKey
            + "\" AS VARCHAR) AS __k, regexp_extract(filename, 'hr=([0-9]{2})', 1) AS __hr FROM raw");
    execute(
        "CREATE OR REPLACE TABLE curated AS SELECT * EXCLUDE (__rn) FROM (SELECT *, row_number()"
            + " OVER (PARTITION BY __k ORDER BY __r NULLS LAST, __t NULLS LAST) AS __rn FROM keyed)"
            + " WHERE __rn = 1");
  }

  long count(String table) throws SQLException {
    return scalar("SELECT count(*) FROM " + table);
  }

  /** Curated events received more than {@code thresholdMs} after their event time. */
  long late(long thresholdMs) throws SQLException {
    return scalar(
        "SELECT count(*) FROM curated WHERE epoch_ms(__r) - epoch_ms(__t) > " + thresholdMs);
  }

  /** Curated events whose {@code data.<dotted field>} is null or missing. */
  long nulls(String dottedField) throws SQLException {
    if (!columns().contains("data")) {
      return count("curated");
    }
    String path = "'$." + dottedField.replace("'", "") + "'";
    String value = "json_extract(to_json(data), " + path + ")";
    return scalar(
        "SELECT count(*) FROM curated WHERE "
            + value
            + " IS NULL OR json_type("
            + value
            + ") = 'NULL'");
  }

  /** Hours (two digits) that have curated events. */
  List<String> hours() throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT DISTINCT __hr FROM curated ORDER BY 1")) {
      List<String> hours = new ArrayList<>();
      while (r.next()) {
        hours.add(r.getString(1));
      }
      return hours;
    }
  }

  /**
   * Writes the curated events of one hour as Parquet (zstd): the events' columns, with {@code time}
   * and {@code sluicereceivedat} as timestamps.
   */
  void writeHour(String hour, Path target) throws SQLException {
    Set<String> columns = columns();
    StringBuilder select = new StringBuilder("SELECT * EXCLUDE (__k, __t, __r, __hr");
    if (columns.contains("time")) {
      select.append(", \"time\"");
    }
    if (columns.contains("sluicereceivedat")) {
      select.append(", sluicereceivedat");
    }
    select.append(")");
    if (columns.contains("time")) {
      select.append(", __t AS \"time\"");
    }
    if (columns.contains("sluicereceivedat")) {
      select.append(", __r AS sluicereceivedat");
    }
    execute(
        "COPY ("
            + select
            + " FROM curated WHERE __hr = '"
            + hour.replaceAll("[^0-9]", "")
            + "' ORDER BY __t, __k) TO "
            + literal(target)
            + " (FORMAT parquet, COMPRESSION zstd)");
  }

  private Set<String> columns() throws SQLException {
    Set<String> names = new HashSet<>();
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("DESCRIBE raw")) {
      while (r.next()) {
        names.add(r.getString(1));
      }
    }
    return names;
  }

  private static String timestamp(Set<String> columns, String column) {
    return columns.contains(column)
        ? "TRY_CAST(CAST(\"" + column + "\" AS VARCHAR) AS TIMESTAMPTZ)"
        : "CAST(NULL AS TIMESTAMPTZ)";
  }

  private long scalar(String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(sql);
    }
  }

  static String literal(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }
}
