package dev.sluice.runtime.collector;

import java.util.UUID;

/** CloudEvents JSON bodies for tests. */
public final class Events {

  /** A valid structured-mode event of the pipeline's contract type with a fresh id. */
  public static String valid(String id) {
    return """
        {"specversion":"1.0","id":"%s","source":"/airports/ams","type":"%s",\
        "time":"2026-05-01T10:15:00Z","subject":"KL1001","datacontenttype":"application/json",\
        "data":{"flight":"KL1001","delayMinutes":3}}"""
        .formatted(id, CollectorUnderTest.FLIGHT_DEPARTED);
  }

  /** A valid event with a fresh id; the id is returned through {@code ids[0]}. */
  public static String fresh(String[] ids) {
    ids[0] = UUID.randomUUID().toString();
    return valid(ids[0]);
  }

  /** {@link #valid} with attribute {@code name} removed. */
  public static String without(String name) {
    return valid(UUID.randomUUID().toString())
        .replaceFirst("\"" + name + "\":\"[^\"]*\",?", "")
        .replace(",}", "}");
  }

  /** {@link #valid} with attribute {@code name}'s JSON value replaced. */
  public static String with(String name, String jsonValue) {
    return valid(UUID.randomUUID().toString())
        .replaceFirst("\"" + name + "\":\"[^\"]*\"", "\"" + name + "\":" + jsonValue);
  }

  private Events() {}
}
