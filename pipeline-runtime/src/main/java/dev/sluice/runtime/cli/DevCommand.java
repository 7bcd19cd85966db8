package dev.sluice.runtime.cli;

import dev.sluice.runtime.local.DevOptions;
import dev.sluice.runtime.local.DevResources;
import dev.sluice.runtime.local.LocalPipeline;
import dev.sluice.runtime.local.StatusLine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice dev up}: a pipeline's YAML run on this machine, with no cluster. */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = "Runs pipelines on this machine, with no cluster.",
    subcommands = {DevCommand.Up.class})
public final class DevCommand {

  /** Options shared by the commands that start a local pipeline ({@code dev up}, {@code demo}). */
  static final class LocalOptions {
    @Option(
        names = "--work-dir",
        defaultValue = ".sluice/dev",
        description =
            "Broker data, rendered configuration and local object store (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--pipeline", description = "DataPipeline to run when several are given.")
    String pipeline;

    @Option(
        names = "--port",
        defaultValue = "8080",
        description = "Collector HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
        names = "--kafka-port",
        defaultValue = "0",
        description = "Embedded Kafka port (default: a free one).")
    int kafkaPort;

    @Option(
        names = "--opensearch-url",
        description = "OpenSearch/Elasticsearch URL for the real-time loader (default: off).")
    String opensearchUrl;

    @Option(
        names = "--s3-endpoint",
        description = "S3/MinIO endpoint (default: the local directory <work-dir>/objectstore).")
    String s3Endpoint;

    @Option(
        names = "--s3-access-key",
        defaultValue = "${env:SLUICE_S3_ACCESS_KEY}",
        description = "S3 access key (default: $SLUICE_S3_ACCESS_KEY).")
    String s3AccessKey;

    @Option(
        names = "--s3-secret-key",
        defaultValue = "${env:SLUICE_S3_SECRET_KEY}",
        description = "S3 secret key (default: $SLUICE_S3_SECRET_KEY).")
    String s3SecretKey;

    DevOptions toDevOptions(Path workDir) {
      if (s3Endpoint != null && (s3AccessKey == null || s3SecretKey == null)) {
        throw new IllegalArgumentException(
            "--s3-endpoint needs --s3-access-key and --s3-secret-key");
      }
      return new DevOptions(
          workDir, pipeline, port, kafkaPort, opensearchUrl, s3Endpoint, s3AccessKey, s3SecretKey);
    }
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description =
          "Starts an embedded Kafka broker and the pipeline's stages, serves the collector on"
              + " localhost and shows a live status line until interrupted (Ctrl-C).")
  static final class Up implements Callable<Integer> {
    @Option(
        names = {"-f", "--file"},
        required = true,
        split = ",",
        description = "DataContract/DataPipeline YAML files or directories.")
    List<Path> files;

    @Mixin LocalOptions local;

    @Override
    public Integer call() throws Exception {
      DevResources resources = DevResources.read(files);
      PrintStream out = System.out;
      LocalPipeline pipeline = LocalPipeline.start(resources, local.toDevOptions(local.workDir));
      CountDownLatch stopped = new CountDownLatch(1);
      StatusLine status = new StatusLine(pipeline, out);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    status.close();
                    pipeline.close();
                    stopped.countDown();
                  },
                  "sluice-dev-stop"));
      out.printf(
          "pipeline %s running: collector %s/v1/events, Kafka %s, stages %s%n",
          pipeline.name(),
          pipeline.collectorUrl(),
          pipeline.bootstrapServers(),
          pipeline.runningStages());
      pipeline.notes().forEach(n -> out.println("  " + n));
      out.println("Ctrl-C stops it.");
      status.start();
      stopped.await();
      return 0;
    }
  }
}
