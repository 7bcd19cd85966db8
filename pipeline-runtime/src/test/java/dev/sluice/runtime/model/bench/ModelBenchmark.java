package dev.sluice.runtime.model.bench;

import dev.sluice.runtime.model.FlightInputs;
import dev.sluice.runtime.model.RunningStage;
import dev.sluice.runtime.model.registry.ModelRegistry;
import dev.sluice.runtime.model.server.OnnxModel;
import dev.sluice.runtime.model.server.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inference latency (p50/p99) and requests/s of the flight-delay model (v1, one row per request):
 * ONNX Runtime in-process, through the model server's REST API, through the router in front of it,
 * and the router's stable path with shadow mirroring to v2 on and off (interleaved halves so
 * machine drift hits both). Prints a Markdown table.
 *
 * <p>Run (see docs/benchmarks-models.md): {@code ModelBenchmark [seconds per run = 6] [clients for
 * the throughput runs = 16]}.
 */
public final class ModelBenchmark {
  private static final String INFER = "/v2/models/flight-delay/infer";

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 6;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    Path dir = Files.createTempDirectory("sluice-model-bench-");
    String body = FlightInputs.request(FlightInputs.ATL_LAX_EVENING);
    System.out.printf(
        Locale.ROOT,
        "%d cores, %.0f s per run; latency runs: 1 client; throughput runs: %d clients%n%n",
        Runtime.getRuntime().availableProcessors(),
        seconds,
        clients);
    System.out.println("| path | p50 ms | p99 ms | requests/s |");
    System.out.println("| --- | --- | --- | --- |");
    System.out.println(inProcess(seconds).row("OrtSession.run in-process (1 thread)"));
    try (RunningStage v1 = server(dir, "1");
        RunningStage v2 = server(dir, "2");
        RunningStage plain = router(dir, v1, v2, false);
        RunningStage shadow = router(dir, v1, v2, true);
        HttpLoad load = new HttpLoad()) {
      for (RunningStage s : List.of(v1, v2)) {
        while (s.get("/v2/health/ready").statusCode() != 200) {
          Thread.sleep(100); // a benchmark, not a test: plain polling until the model is loaded
        }
      }
      load.run(v1.port(), INFER, body, clients, 3); // warm-up of the JIT on both paths
      load.run(plain.port(), INFER, body, clients, 3);
      load.run(shadow.port(), INFER, body, clients, 3);
      for (int c : new int[] {1, clients}) {
        Latencies server = load.run(v1.port(), INFER, body, c, seconds);
        Latencies routed = load.run(plain.port(), INFER, body, c, seconds);
        System.out.println(server.row("model server, " + c + " client(s)"));
        System.out.println(routed.row("router → model server, " + c + " client(s)"));
        System.out.printf(
            Locale.ROOT,
            "| router added latency, %d client(s) | %+.3f | %+.3f | |%n",
            c,
            routed.ms(0.5) - server.ms(0.5),
            routed.ms(0.99) - server.ms(0.99));
        Latencies off1 = load.run(plain.port(), INFER, body, c, seconds / 2);
        Latencies on1 = load.run(shadow.port(), INFER, body, c, seconds / 2);
        Latencies on2 = load.run(shadow.port(), INFER, body, c, seconds / 2);
        Latencies off2 = load.run(plain.port(), INFER, body, c, seconds / 2);
        Latencies off = merge(off1, off2);
        Latencies on = merge(on1, on2);
        System.out.println(off.row("router, shadow off, " + c + " client(s)"));
        System.out.println(on.row("router, shadow on (100% to v2), " + c + " client(s)"));
        System.out.printf(
            Locale.ROOT,
            "| shadow on / off p99, %d client(s) | | %.2f× | |%n",
            c,
            on.ms(0.99) / off.ms(0.99));
      }
    }
  }

  private static Latencies inProcess(double seconds) throws Exception {
    var loaded =
        ModelRegistry.inDirectory(RunningStage.fixtureRegistry()).load("flight-delay", "1");
    try (OnnxModel model = new OnnxModel(loaded.onnx(), loaded.metadata())) {
      List<Tensor> input =
          List.of(new Tensor("features", "FP32", new long[] {1, 7}, FlightInputs.ATL_LAX_EVENING));
      long warm = System.nanoTime() + 2_000_000_000L;
      while (System.nanoTime() < warm) {
        model.run(input);
      }
      long[] lat = new long[20_000_000];
      int n = 0;
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      while (n < lat.length) {
        long t0 = System.nanoTime();
        model.run(input);
        long t1 = System.nanoTime();
        lat[n++] = t1 - t0;
        if (t1 >= end) {
          break;
        }
      }
      return Latencies.of(lat, n, (System.nanoTime() - start) / 1e9);
    }
  }

  private static Latencies merge(Latencies a, Latencies b) {
    long[] all = new long[a.nanos().length + b.nanos().length];
    System.arraycopy(a.nanos(), 0, all, 0, a.nanos().length);
    System.arraycopy(b.nanos(), 0, all, a.nanos().length, b.nanos().length);
    return Latencies.of(all, all.length, a.seconds() + b.seconds());
  }

  private static RunningStage server(Path dir, String version) throws Exception {
    return RunningStage.start(
        "model-server",
        dir,
        """
        deployment: bench-%s
        server:
          model: flight-delay
          version: "%s"
          maxInFlightRequests: 1024
          registry:
            directory: %s
        """
            .formatted(version, version, RunningStage.fixtureRegistry()),
        Map.of());
  }

  private static RunningStage router(Path dir, RunningStage v1, RunningStage v2, boolean shadow)
      throws Exception {
    return RunningStage.start(
        "model-router",
        dir,
        """
        deployment: bench
        router:
          model: flight-delay
          stable: {version: "1", url: "%s"}
          candidate: {version: "2", url: "%s"}
          candidateWeight: 0
        """
                .formatted(
                    v1.url().replace("localhost", "127.0.0.1"),
                    v2.url().replace("localhost", "127.0.0.1"))
            + (shadow ? "  shadow: {mirrorPercent: 100, maxInFlight: 256}\n" : ""),
        Map.of());
  }

  private ModelBenchmark() {}
}
