package dev.sluice.operator.rollout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Open Inference Protocol requests for the flight-delay model from real flights: {@code
 * /rollout/flight-features.csv} holds 600 departures of May–June 2001 (the models' held-out period)
 * from {@code flights-3m.parquet} joined with {@code airports.csv}, with the model's seven features
 * computed as the runtime's FeatureExtractor does (fractional hour, ISO weekday, miles, airport
 * coordinates). Produced with DuckDB from the sample data ({@code samples/flights/fetch-data.sh})
 * by: {@code SELECT hour(ts) + minute(ts) / 60.0, isodow(ts), distance, o.latitude, o.longitude,
 * d.latitude, d.longitude … WHERE ts >= '2001-05-01' AND ts < '2001-07-01' ORDER BY hash(date,
 * origin, destination) LIMIT 600}.
 */
final class FlightRequests {
  private FlightRequests() {}

  /** One request body per flight, in file order; request {@code id} is {@code flight-<index>}. */
  static List<String> load() {
    List<String> requests = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                FlightRequests.class.getResourceAsStream("/rollout/flight-features.csv"),
                StandardCharsets.UTF_8))) {
      in.readLine(); // header
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split(",");
        // date, origin, destination, then the 7 features in the model's column order
        String data = String.join(",", List.of(f).subList(3, 10));
        requests.add(
            "{\"id\":\"flight-"
                + requests.size()
                + "\",\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,7],"
                + "\"data\":["
                + data
                + "]}]}");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return requests;
  }
}
