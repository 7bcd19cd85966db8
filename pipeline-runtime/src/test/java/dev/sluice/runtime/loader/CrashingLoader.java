package dev.sluice.runtime.loader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.api.stage.StageConfig;
import dev.sluice.runtime.StageName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts {@link CrashingLoaderMain} as a child JVM and waits for its crash. */
public final class CrashingLoader {
  private static final ObjectMapper YAML = new YAMLMapper();

  /**
   * @return the child's exit code ({@link CrashingLoaderMain#CRASH_EXIT} when it crashed as meant)
   */
  public static int runUntilCrash(
      StageName stage,
      StageConfig config,
      Path dir,
      Map<String, String> env,
      int crashAfterWrites,
      long timeoutSeconds)
      throws Exception {
    Path yaml = dir.resolve(stage.cliName() + ".yaml");
    YAML.writeValue(yaml.toFile(), config);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CrashingLoaderMain.class.getName());
    command.add(stage.cliName());
    command.add(yaml.toString());
    command.add(Integer.toString(crashAfterWrites));
    Path log = dir.resolve(stage.cliName() + "-crash.log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException(
          "the loader did not crash within "
              + timeoutSeconds
              + " s; log: "
              + Files.readString(log));
    }
    return p.exitValue();
  }

  private CrashingLoader() {}
}
