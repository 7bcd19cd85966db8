package dev.sluice.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input to the CLI: a one-line error and a non-zero exit, never a stack trace. */
class SluiceCliTest {
  @TempDir Path dir;

  private record Run(int exit, String err) {}

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = SluiceCli.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    int exit = cli.execute(args);
    return new Run(exit, err.toString());
  }

  private static void assertOneLineError(Run run, String expected) {
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains(expected).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(run.err().strip().lines().count()).isEqualTo(1);
  }

  @Test
  void sendNamesAMissingFile() {
    assertOneLineError(
        run("send", "--file", dir.resolve("none.json").toString(), "--type", "t"),
        "none.json does not exist");
  }

  @Test
  void sendNamesAnUnknownFormat() throws IOException {
    Path file = Files.writeString(dir.resolve("data.xml"), "<a/>");
    assertOneLineError(run("send", "--file", file.toString(), "--type", "t"), "is not .json");
  }

  @Test
  void sendNamesAnUnreachableCollector() throws IOException {
    Path file = Files.writeString(dir.resolve("data.jsonl"), "{\"a\":1}\n");
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    assertOneLineError(
        run(
            "send",
            "--file",
            file.toString(),
            "--type",
            "t",
            "--collector",
            "http://127.0.0.1:" + closedPort),
        "collector unreachable at http://127.0.0.1:" + closedPort);
  }

  @Test
  void sendRequiresItsOptions() {
    Run run = run("send", "--type", "t");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--file=<file>'");
  }

  @Test
  void devNamesMalformedYaml() throws IOException {
    Path file = Files.writeString(dir.resolve("pipeline.yaml"), "kind: DataPipeline\nspec: [\n");
    assertOneLineError(run("dev", "up", "-f", file.toString()), "pipeline.yaml is not valid YAML");
  }

  @Test
  void devNamesAnUnknownField() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("pipeline.yaml"),
            "apiVersion: sluice.dev/v1alpha1\nkind: DataPipeline\nmetadata: {name: p}\n"
                + "spec: {kafka: {bootstrapServers: k:9092}, colector: {}}\n");
    assertOneLineError(
        run("dev", "up", "-f", file.toString()), "unknown field 'colector' in DataPipeline");
  }

  @Test
  void devNamesAMissingContract() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("pipeline.yaml"),
            "apiVersion: sluice.dev/v1alpha1\nkind: DataPipeline\nmetadata: {name: p}\n"
                + "spec: {contracts: [{name: c}], kafka: {bootstrapServers: k:9092}}\n");
    assertOneLineError(
        run("dev", "up", "-f", file.toString(), "--work-dir", dir.resolve("w").toString()),
        "references DataContract c, which is not among the given files");
  }

  @Test
  void devNamesAMissingPath() {
    assertOneLineError(run("dev", "up", "-f", dir.resolve("nope").toString()), "does not exist");
  }

  @Test
  void curateAndStatusNameAMissingLocalPipeline() {
    assertOneLineError(
        run("curate", "--window", "2001-01-14", "--work-dir", dir.toString()),
        "no local pipeline in " + dir);
    assertOneLineError(run("status", "--work-dir", dir.toString()), "no local pipeline in " + dir);
  }

  @Test
  void stageNamesAnUnknownStage() {
    assertOneLineError(run("--stage", "mixer", "--config", "x.yaml"), "unknown stage 'mixer'");
  }
}
