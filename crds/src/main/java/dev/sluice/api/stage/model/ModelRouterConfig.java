package dev.sluice.api.stage.model;

/**
 * The {@code router} block: the variants behind the router and how requests are split. The router
 * re-reads its file when it changes (a ConfigMap update), so the operator moves weights by
 * rewriting it; a changed file that is not valid is refused and the previous split kept.
 *
 * @param model the model name clients use in {@code /v2/models/<model>/...}
 * @param stable the stable variant
 * @param candidate the candidate variant, or absent
 * @param candidateWeight percent (0..100) of requests answered by the candidate (default 0)
 * @param shadow mirroring of stable requests to the candidate, or absent
 * @param requestTimeoutMs deadline of a forwarded request, ms (default 5000); then 504
 * @param maxRequestBytes largest request body, bytes (default 4 MiB); larger → 413
 */
public record ModelRouterConfig(
    String model,
    VariantConfig stable,
    VariantConfig candidate,
    Integer candidateWeight,
    ShadowConfig shadow,
    Integer requestTimeoutMs,
    Long maxRequestBytes) {

  public ModelRouterConfig {
    candidateWeight = candidateWeight == null ? 0 : candidateWeight;
    requestTimeoutMs = requestTimeoutMs == null ? 5000 : requestTimeoutMs;
    maxRequestBytes = maxRequestBytes == null ? 4L * 1024 * 1024 : maxRequestBytes;
  }

  void validate(Fields f) {
    f.name("model", model);
    f.require(stable != null, "stable", "is required");
    stable.validate(f.nested("stable."));
    if (candidate != null) {
      candidate.validate(f.nested("candidate."));
    }
    f.range("candidateWeight", candidateWeight, 0, 100);
    f.require(
        candidate != null || (candidateWeight == 0 && shadow == null),
        "candidate",
        "is required when candidateWeight > 0 or shadow is set");
    if (shadow != null) {
      shadow.validate(f.nested("shadow."));
    }
    f.range("requestTimeoutMs", requestTimeoutMs, 1, 600_000);
    f.range("maxRequestBytes", maxRequestBytes, 1024, 256L * 1024 * 1024);
  }
}
