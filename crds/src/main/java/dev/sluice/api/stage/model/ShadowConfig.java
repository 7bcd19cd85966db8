package dev.sluice.api.stage.model;

/**
 * Shadow mirroring: a copy of a share of the stable variant's requests goes to the candidate; its
 * answer is compared with the stable one and recorded, never returned to the client.
 *
 * @param mirrorPercent percent (1..100) of stable requests mirrored (default 100)
 * @param maxInFlight mirrored requests outstanding at once (default 64); further copies are dropped
 *     and counted, so a slow candidate cannot hold memory or slow the stable path
 * @param timeoutMs deadline of a mirrored request, ms (default 2000)
 * @param tolerance answers agree when no output value differs by more than this; absent: class
 *     outputs agree when the predicted class (argmax) is the same
 */
public record ShadowConfig(
    Integer mirrorPercent, Integer maxInFlight, Integer timeoutMs, Double tolerance) {

  public ShadowConfig {
    mirrorPercent = mirrorPercent == null ? 100 : mirrorPercent;
    maxInFlight = maxInFlight == null ? 64 : maxInFlight;
    timeoutMs = timeoutMs == null ? 2000 : timeoutMs;
  }

  void validate(Fields f) {
    f.range("mirrorPercent", mirrorPercent, 1, 100);
    f.range("maxInFlight", maxInFlight, 1, 10_000);
    f.range("timeoutMs", timeoutMs, 1, 600_000);
    f.require(
        tolerance == null || (tolerance >= 0 && !tolerance.isInfinite()),
        "tolerance",
        "must be a number ≥ 0");
  }
}
