package dev.sluice.runtime.model.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.runtime.model.features.FeatureSpec;
import dev.sluice.runtime.model.features.FeatureTransform;
import dev.sluice.runtime.model.registry.ModelMetadata;
import dev.sluice.runtime.model.registry.ModelRegistry;
import dev.sluice.runtime.objectstore.MinioObjectStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Trains the two sample flight-delay classifiers (is the departure delay over 15 minutes?) on the
 * real flights data and stores them in a model registry, with {@code production} pointing at v1.
 *
 * <ul>
 *   <li>v1: logistic regression (Tribuo LinearSGDModel) on hour of day and distance;
 *   <li>v2: a factorization machine (Tribuo FMClassificationModel) on fractional hour, day of week,
 *       distance and the origin and destination latitude/longitude.
 * </ul>
 *
 * Training window: January–April 2001; held-out evaluation: May–June 2001 (a later period, as the
 * model would meet in production). Both read {@code flights-3m.parquet} joined with {@code
 * airports.csv} (fetched by {@code samples/flights/fetch-data.sh}).
 *
 * <p>Run (see docs/models.md): {@code TrainFlightDelay <data dir> <registry>} where registry is a
 * directory or {@code s3://bucket} (endpoint from {@code SLUICE_OBJECTSTORE_ENDPOINT}, keys from
 * {@code SLUICE_OBJECTSTORE_ACCESS_KEY}/{@code SLUICE_OBJECTSTORE_SECRET_KEY}); optional third
 * argument: training rows (default 400000).
 */
public final class TrainFlightDelay {
  static final String MODEL = "flight-delay";
  static final String TRAIN_FROM = "2001-01-01";
  static final String TRAIN_TO = "2001-05-01";
  static final String TEST_FROM = "2001-05-01";
  static final String TEST_TO = "2001-07-01";

  /**
   * The input of every version of the model: one FP32 row of these columns, computed from an
   * enriched flight event. A version uses some of them (its graph gathers its columns), so one
   * request fits every version and a router can split or mirror it.
   */
  static final List<FeatureSpec> INPUT =
      List.of(
          new FeatureSpec("hour", "date", FeatureTransform.fractionalHour),
          new FeatureSpec("day_of_week", "date", FeatureTransform.dayOfWeek),
          new FeatureSpec("distance", "distance", FeatureTransform.number),
          new FeatureSpec("origin_lat", "origin_lat", FeatureTransform.number),
          new FeatureSpec("origin_lon", "origin_lon", FeatureTransform.number),
          new FeatureSpec("destination_lat", "destination_lat", FeatureTransform.number),
          new FeatureSpec("destination_lon", "destination_lon", FeatureTransform.number));

  /** v1's columns. */
  static final List<String> V1 = List.of("hour", "distance");

  /** v2's columns: all of them. */
  static final List<String> V2 = INPUT.stream().map(FeatureSpec::name).toList();

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: TrainFlightDelay <data dir> <registry dir | s3://bucket> [rows]");
      System.exit(2);
    }
    Path data = Path.of(args[0]);
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 400_000;
    List<ObjectNode> train =
        FlightRows.read(
            data.resolve("flights-3m.parquet"),
            data.resolve("airports.csv"),
            TRAIN_FROM,
            TRAIN_TO,
            rows);
    List<ObjectNode> test =
        FlightRows.read(
            data.resolve("flights-3m.parquet"),
            data.resolve("airports.csv"),
            TEST_FROM,
            TEST_TO,
            rows / 2);
    try (ModelRegistry registry = registry(args[1])) {
      String source = "flights-3m.parquet + airports.csv";
      for (var version :
          List.of(
              FlightDelayTrainer.logistic("1", INPUT, V1).train(train, test, source),
              FlightDelayTrainer.factorizationMachine("2", INPUT, V2).train(train, test, source))) {
        registry.publish(version.metadata(), version.onnx());
        print(version.metadata());
      }
      registry.setAlias(MODEL, ModelRegistry.PRODUCTION, "1");
      System.out.println("stored in " + registry.describe() + "; production -> 1");
    }
  }

  private static ModelRegistry registry(String registry) {
    if (registry.startsWith("s3://")) {
      String env = System.getenv().getOrDefault("SLUICE_OBJECTSTORE_ENDPOINT", "");
      return new ModelRegistry(
          new MinioObjectStore(
              env,
              null,
              System.getenv("SLUICE_OBJECTSTORE_ACCESS_KEY"),
              System.getenv("SLUICE_OBJECTSTORE_SECRET_KEY")),
          registry.substring("s3://".length()));
    }
    return ModelRegistry.inDirectory(Path.of(registry));
  }

  private static void print(ModelMetadata m) {
    System.out.printf(
        Locale.ROOT,
        "%s v%s (%s): %s%n",
        m.name(),
        m.version(),
        m.framework(),
        m.metrics().toString());
  }

  private TrainFlightDelay() {}
}
