package dev.sluice.runtime;

import dev.sluice.runtime.config.RuntimeConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * What a stage is built from.
 *
 * @param config the process configuration
 * @param vertx the process's Vert.x instance (HTTP serving and clients)
 * @param registry the meter registry {@code /metrics} exposes, tagged with pipeline, stage and
 *     instance
 * @param router the router of the stage's HTTP server, already serving health and metrics
 */
public record StageContext(
    RuntimeConfig config, Vertx vertx, PrometheusMeterRegistry registry, Router router) {}
