package dev.sluice.runtime.cli;

import picocli.CommandLine.Command;

/** {@code sluice promote <name>}: skip the remaining steps and make the candidate stable. */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description =
        "Promotes the candidate of a ModelDeployment's release now (sets sluice.dev/promote).")
public final class PromoteCommand extends ReleaseControlCommand {
  @Override
  String annotation() {
    return "sluice.dev/promote";
  }

  @Override
  String request() {
    return "promotion";
  }
}
