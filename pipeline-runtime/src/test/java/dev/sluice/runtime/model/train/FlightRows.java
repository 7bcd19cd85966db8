package dev.sluice.runtime.model.train;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads flights of a time window from the sample data with DuckDB, joined with {@code
 * airports.csv}, as the enricher's lookup enrichment would have shaped them: {@code date, delay,
 * distance, origin, destination, origin_lat, origin_lon, destination_lat, destination_lon}. Flights
 * whose airports are not in the table are left out (the enricher would dead-letter them).
 */
final class FlightRows {
  private FlightRows() {}

  /**
   * @param flights {@code flights-3m.parquet} or a {@code flights-*.json} with dates
   * @param airports {@code airports.csv}
   * @param from first departure included, {@code yyyy-MM-dd}
   * @param to first departure excluded, {@code yyyy-MM-dd}
   * @param limit most rows, a repeatable sample when the window holds more
   */
  static List<ObjectNode> read(Path flights, Path airports, String from, String to, int limit)
      throws SQLException {
    String source =
        flights.toString().endsWith(".parquet")
            ? "read_parquet(?)"
            : "read_json(?, columns = {date: 'VARCHAR', delay: 'BIGINT', distance: 'BIGINT',"
                + " origin: 'VARCHAR', destination: 'VARCHAR'})";
    String sql =
        "WITH f AS (SELECT try_strptime(CAST(date AS VARCHAR),"
            + " ['%Y/%m/%d %H:%M', '%Y-%m-%d %H:%M:%S']) AS ts, delay, distance, origin,"
            + " destination FROM "
            + source
            + "), a AS (SELECT iata, latitude, longitude FROM read_csv(?, header = true))"
            + " SELECT strftime(ts, '%Y-%m-%dT%H:%M:%S') AS date, delay, distance, origin,"
            + " destination, o.latitude, o.longitude, d.latitude, d.longitude FROM f"
            + " JOIN a o ON o.iata = f.origin JOIN a d ON d.iata = f.destination"
            + " WHERE ts >= CAST(? AS TIMESTAMP) AND ts < CAST(? AS TIMESTAMP)"
            + " AND delay IS NOT NULL AND distance IS NOT NULL"
            + " ORDER BY hash(date, origin, destination, delay) LIMIT ?";
    if (!Files.isRegularFile(flights) || !Files.isRegularFile(airports)) {
      throw new IllegalArgumentException(
          "missing " + flights + " or " + airports + ": run samples/flights/fetch-data.sh");
    }
    List<ObjectNode> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, flights.toString());
      s.setString(2, airports.toString());
      s.setString(3, from);
      s.setString(4, to);
      s.setInt(5, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ObjectNode row = JsonNodeFactory.instance.objectNode();
          row.put("date", r.getString(1));
          row.put("delay", r.getLong(2));
          row.put("distance", r.getLong(3));
          row.put("origin", r.getString(4));
          row.put("destination", r.getString(5));
          row.put("origin_lat", r.getDouble(6));
          row.put("origin_lon", r.getDouble(7));
          row.put("destination_lat", r.getDouble(8));
          row.put("destination_lon", r.getDouble(9));
          rows.add(row);
        }
      }
    }
    return rows;
  }
}
