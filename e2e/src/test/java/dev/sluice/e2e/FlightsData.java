package dev.sluice.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real flights sample data (vega-datasets 3.2.1: US flight departures of 2001 and the airports
 * table), fetched once by {@code samples/flights/fetch-data.sh} into {@code samples/flights/data/}
 * (git-ignored; {@code npm pack} from the npm registry, ~5 s the first time, instant after).
 */
final class FlightsData {

  private FlightsData() {}

  /** {@code airports.csv}: IATA code, name, city, state, country, latitude, longitude. */
  static Path airports() {
    return file("airports.csv");
  }

  /** {@code flights-20k.json}: a JSON array of 20,000 departures. */
  static Path flights20k() {
    return file("flights-20k.json");
  }

  private static synchronized Path file(String name) {
    Path dir = Repo.root().resolve("samples/flights/data");
    if (!Files.isRegularFile(dir.resolve(name))) {
      CommandResult fetched =
          Commands.run(
              List.of("bash", Repo.root().resolve("samples/flights/fetch-data.sh").toString()),
              Map.of(),
              null,
              Duration.ofMinutes(5));
      if (!fetched.succeeded() || !Files.isRegularFile(dir.resolve(name))) {
        throw new IllegalStateException(
            "cannot fetch the flights sample data (needs the npm registry):\n"
                + fetched.describe());
      }
    }
    return dir.resolve(name);
  }
}
