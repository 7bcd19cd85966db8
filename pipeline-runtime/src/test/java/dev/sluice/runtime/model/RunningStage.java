package dev.sluice.runtime.model;

import dev.sluice.runtime.StageRunner;
import dev.sluice.runtime.config.RuntimeConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real model stage (model-server or model-router) in this JVM, started the way the runtime starts
 * it: a configuration file read by {@link RuntimeConfig#load}, a {@link StageRunner} with its own
 * Vert.x and HTTP server on a free port.
 */
public final class RunningStage implements AutoCloseable {
  // HTTP/1.1 (no h2c upgrade) and a timeout on every request: a stage that stops answering fails
  // the test with a timeout instead of blocking the build (seen once: a /metrics GET never
  // answered).
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(30);

  private final StageRunner runner;
  private final int port;
  private final Path configFile;

  private RunningStage(StageRunner runner, int port, Path configFile) {
    this.runner = runner;
    this.port = port;
    this.configFile = configFile;
  }

  /**
   * @param stage {@code model-server} or {@code model-router}
   * @param dir where the configuration file is written
   * @param yaml the model stage configuration
   */
  public static RunningStage start(String stage, Path dir, String yaml, Map<String, String> env)
      throws Exception {
    Path file = Files.createTempFile(dir, stage, ".yaml");
    Files.writeString(file, yaml);
    Map<String, String> all = new HashMap<>(env);
    all.put("SLUICE_HTTP_PORT", "0");
    all.put("SLUICE_INSTANCE", stage + "-test");
    StageRunner runner = new StageRunner(RuntimeConfig.load(stage, file, all));
    return new RunningStage(runner, runner.start(), file);
  }

  /** The fixture registry: flight-delay versions 1 and 2, production → 1. */
  public static Path fixtureRegistry() throws URISyntaxException {
    return Path.of(RunningStage.class.getResource("/model-registry").toURI());
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://localhost:" + port;
  }

  public Path configFile() {
    return configFile;
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url() + path)).timeout(TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url() + path))
            .timeout(TIMEOUT)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    runner.close();
  }
}
