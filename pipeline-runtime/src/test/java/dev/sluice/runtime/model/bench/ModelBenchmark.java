package dev.sluice.runtime.model.bench;

import dev.sluice.runtime.model.FlightInputs;
import dev.sluice.runtime.model.RunningStage;
import dev.sluice.runtime.model.registry.ModelRegistry;
import dev.sluice.runtime.model.server.OnnxModel;
import dev.sluice.runtime.model.server.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inference latency (p50/p99) and requests/s of the flight-delay model (v1, one row per request):
 * ONNX Runtime in-process, through the model server's REST API, through the router in front of it,
 * and the router's stable path with shadow mirroring to v2 on and off (interleaved halves so
 * machine drift hits both). The model servers and routers run as separate JVMs, as in pods; the
 * load driver is this JVM. Besides latency, each run reports the CPU time the server (direct runs)
 * or router (routed runs) used per request — a figure far less disturbed by other processes on a
 * shared machine than a p99. Every figure is measured in {@code rounds} rounds and the median is
 * printed, with each round's deltas, as Markdown.
 *
 * <p>Run (see docs/benchmarks-models.md): {@code ModelBenchmark [seconds per run = 6] [clients for
 * the throughput runs = 16] [rounds = 3]}; {@code -Dbench.jfr=<dir>} records a JFR profile of each
 * router.
 */
public final class ModelBenchmark {
  private static final String INFER = "/v2/models/flight-delay/infer";
  private static final double WARM_UP_SECONDS = 10;

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 6;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String jfr = System.getProperty("bench.jfr");
    Path dir = Files.createTempDirectory("sluice-model-bench-");
    String body = FlightInputs.request(FlightInputs.ATL_LAX_EVENING);
    System.out.printf(
        Locale.ROOT,
        "%d cores, load average %.1f, %.0f s per run, %d rounds; latency runs: 1 client;"
            + " throughput runs: %d clients%n%n",
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        seconds,
        rounds,
        clients);
    Latencies ort = inProcess(seconds);
    Map<String, List<Latencies>> runs = new LinkedHashMap<>();
    Map<String, List<Double>> deltas = new LinkedHashMap<>();
    Map<Latencies, Double> cpu = new IdentityHashMap<>();
    try (ChildStage v1 = server(dir, "1");
        ChildStage v2 = server(dir, "2");
        ChildStage plain = router(dir, v1, v2, false, jfr);
        ChildStage shadow = router(dir, v1, v2, true, jfr);
        HttpLoad load = new HttpLoad()) {
      // Warm-up: until the JIT has compiled the request paths, its compiler threads take a good
      // part of each JVM's CPU (seen in JFR), which the CPU-per-request figures would count.
      for (ChildStage target : List.of(v1, plain, shadow)) {
        load.run(target.port(), INFER, body, clients, WARM_UP_SECONDS);
        load.run(target.port(), INFER, body, 1, WARM_UP_SECONDS / 2);
      }
      for (int round = 1; round <= rounds; round++) {
        StringBuilder line = new StringBuilder("round " + round + ":");
        for (int c : new int[] {1, clients}) {
          Latencies server = timed(load, v1, v1, body, c, seconds, cpu);
          Latencies routed = timed(load, plain, plain, body, c, seconds, cpu);
          Latencies off1 = timed(load, plain, plain, body, c, seconds / 2, cpu);
          Latencies on1 = timed(load, shadow, shadow, body, c, seconds / 2, cpu);
          Latencies on2 = timed(load, shadow, shadow, body, c, seconds / 2, cpu);
          Latencies off2 = timed(load, plain, plain, body, c, seconds / 2, cpu);
          Latencies off = merge(off1, off2);
          Latencies on = merge(on1, on2);
          cpu.put(off, (cpu.get(off1) * off1.count() + cpu.get(off2) * off2.count()) / off.count());
          cpu.put(on, (cpu.get(on1) * on1.count() + cpu.get(on2) * on2.count()) / on.count());
          add(runs, "model server, " + c + " client(s)", server);
          add(runs, "router → model server, " + c + " client(s)", routed);
          add(runs, "router, shadow off, " + c + " client(s)", off);
          add(runs, "router, shadow on (100% to v2), " + c + " client(s)", on);
          double addedP50 = routed.ms(0.5) - server.ms(0.5);
          double addedP99 = routed.ms(0.99) - server.ms(0.99);
          double ratio = on.ms(0.99) / off.ms(0.99);
          deltas.computeIfAbsent("added p50 " + c, k -> new ArrayList<>()).add(addedP50);
          deltas.computeIfAbsent("added p99 " + c, k -> new ArrayList<>()).add(addedP99);
          deltas.computeIfAbsent("shadow " + c, k -> new ArrayList<>()).add(ratio);
          line.append(
              String.format(
                  Locale.ROOT,
                  " %d client(s): router added p99 %+.3f ms, shadow on/off p99 %.2f×;",
                  c,
                  addedP99,
                  ratio));
        }
        System.out.println(line);
      }
    }
    System.out.println();
    System.out.println(
        "| path (median of "
            + rounds
            + " rounds) | p50 ms | p99 ms | requests/s | CPU µs/request of the server or router |");
    System.out.println("| --- | --- | --- | --- | --- |");
    System.out.println(ort.row("OrtSession.run in-process (1 thread, one run)") + " |");
    for (int c : new int[] {1, clients}) {
      for (String name :
          List.of(
              "model server, " + c + " client(s)", "router → model server, " + c + " client(s)")) {
        System.out.println(medianRow(name, runs.get(name), cpu));
      }
      System.out.printf(
          Locale.ROOT,
          "| router added latency, %d client(s) | %+.3f | %+.3f | | |%n",
          c,
          median(deltas.get("added p50 " + c)),
          median(deltas.get("added p99 " + c)));
      for (String name :
          List.of(
              "router, shadow off, " + c + " client(s)",
              "router, shadow on (100% to v2), " + c + " client(s)")) {
        System.out.println(medianRow(name, runs.get(name), cpu));
      }
      System.out.printf(
          Locale.ROOT,
          "| shadow on / off p99, %d client(s) | | %.2f× | | |%n",
          c,
          median(deltas.get("shadow " + c)));
    }
  }

  /**
   * One run against {@code target}'s port, with the CPU time {@code measured} used per answered
   * request, in µs.
   */
  private static Latencies timed(
      HttpLoad load,
      ChildStage target,
      ChildStage measured,
      String body,
      int clients,
      double seconds,
      Map<Latencies, Double> cpu)
      throws InterruptedException {
    long before = measured.cpu().toNanos();
    Latencies l = load.run(target.port(), INFER, body, clients, seconds);
    cpu.put(l, (measured.cpu().toNanos() - before) / 1e3 / l.count());
    return l;
  }

  private static void add(Map<String, List<Latencies>> runs, String name, Latencies l) {
    runs.computeIfAbsent(name, k -> new ArrayList<>()).add(l);
  }

  private static String medianRow(String name, List<Latencies> runs, Map<Latencies, Double> cpu) {
    return String.format(
        Locale.ROOT,
        "| %s | %.3f | %.3f | %,.0f | %.0f |",
        name,
        median(runs.stream().map(l -> l.ms(0.5)).toList()),
        median(runs.stream().map(l -> l.ms(0.99)).toList()),
        median(runs.stream().map(Latencies::perSecond).toList()),
        median(runs.stream().map(cpu::get).toList()));
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
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

  private static ChildStage server(Path dir, String version) throws Exception {
    return ChildStage.start(
        "model-server",
        "server-" + version,
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
        null);
  }

  private static ChildStage router(
      Path dir, ChildStage v1, ChildStage v2, boolean shadow, String jfr) throws Exception {
    String name = shadow ? "router-shadow" : "router";
    return ChildStage.start(
        "model-router",
        name,
        dir,
        """
        deployment: bench
        router:
          model: flight-delay
          stable: {version: "1", url: "%s"}
          candidate: {version: "2", url: "%s"}
          candidateWeight: 0
        """
                .formatted(v1.url(), v2.url())
            + (shadow ? "  shadow: {mirrorPercent: 100, maxInFlight: 256}\n" : ""),
        jfr == null ? null : Path.of(jfr, name + ".jfr"));
  }

  private ModelBenchmark() {}
}
