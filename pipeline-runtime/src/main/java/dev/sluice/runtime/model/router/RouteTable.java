package dev.sluice.runtime.model.router;

import dev.sluice.api.stage.model.ModelRouterConfig;
import dev.sluice.api.stage.model.VariantConfig;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One immutable split of requests, built from a router configuration; replaced whole when the
 * configuration file changes, so a request sees one consistent split. What requests need of the
 * configuration (endpoints, the shadow comparator) is prepared here once.
 */
final class RouteTable {
  private final ModelRouterConfig config;
  private final Endpoint stable;
  private final Endpoint candidate;
  private final AnswerComparator comparator;

  RouteTable(ModelRouterConfig config) {
    this.config = config;
    this.stable = Endpoint.of(config.stable().url());
    this.candidate = config.candidate() == null ? null : Endpoint.of(config.candidate().url());
    this.comparator =
        config.shadow() == null ? null : new AnswerComparator(config.shadow().tolerance());
  }

  ModelRouterConfig config() {
    return config;
  }

  /** Where a variant's server listens (stable or candidate). */
  Endpoint endpoint(Variant v) {
    return v == Variant.stable ? stable : candidate;
  }

  /** How mirrored answers are compared; null without shadow. */
  AnswerComparator comparator() {
    return comparator;
  }

  /** Which variant answers the next request: the candidate with probability candidateWeight %. */
  Variant pick() {
    return config.candidate() != null
            && ThreadLocalRandom.current().nextInt(100) < config.candidateWeight()
        ? Variant.candidate
        : Variant.stable;
  }

  /** Whether a request answered by the stable variant is also mirrored to the candidate. */
  boolean mirror() {
    return config.shadow() != null
        && ThreadLocalRandom.current().nextInt(100) < config.shadow().mirrorPercent();
  }

  VariantConfig variant(Variant v) {
    return v == Variant.stable ? config.stable() : config.candidate();
  }

  /** The variant serving {@code version}, or null. */
  Variant byVersion(String version) {
    if (config.stable().version().equals(version)) {
      return Variant.stable;
    }
    if (config.candidate() != null && config.candidate().version().equals(version)) {
      return Variant.candidate;
    }
    return null;
  }
}
