package dev.sluice.runtime.model;

import java.util.Locale;
import java.util.Random;

/**
 * Open Inference Protocol requests for the flight-delay model: rows of {@code [hour, day_of_week,
 * distance, origin_lat, origin_lon, destination_lat, destination_lon]}.
 */
public final class FlightInputs {
  /** Atlanta → Los Angeles, Friday 18:30. */
  public static final float[] ATL_LAX_EVENING = {18.5f, 5, 1946, 33.64f, -84.43f, 33.94f, -118.41f};

  /** Chicago O'Hare → New York LaGuardia, Tuesday 06:10. */
  public static final float[] ORD_LGA_MORNING = {6.17f, 2, 733, 41.98f, -87.90f, 40.78f, -73.87f};

  private FlightInputs() {}

  public static String request(float[]... rows) {
    StringBuilder data = new StringBuilder();
    for (float[] row : rows) {
      for (float v : row) {
        data.append(data.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "%s", v));
      }
    }
    return "{\"id\":\"r1\",\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":["
        + rows.length
        + ",7],\"data\":["
        + data
        + "]}]}";
  }

  /** A plausible random flight: any hour and weekday, 50..3000 miles, US latitudes/longitudes. */
  public static float[] random(Random r) {
    return new float[] {
      r.nextFloat() * 24,
      1 + r.nextInt(7),
      50 + r.nextInt(2950),
      25 + r.nextFloat() * 23,
      -123 + r.nextFloat() * 52,
      25 + r.nextFloat() * 23,
      -123 + r.nextFloat() * 52
    };
  }
}
