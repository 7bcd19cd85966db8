package dev.sluice.runtime.cli;

import picocli.CommandLine.Command;

/** {@code sluice abort <name>}: roll traffic back to stable and scale the candidate down. */
@Command(
    name = "abort",
    mixinStandardHelpOptions = true,
    description =
        "Aborts a ModelDeployment's release and rolls back to the stable version (sets"
            + " sluice.dev/abort).")
public final class AbortCommand extends ReleaseControlCommand {
  @Override
  String annotation() {
    return "sluice.dev/abort";
  }

  @Override
  String request() {
    return "abort";
  }
}
