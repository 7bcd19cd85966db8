package dev.sluice.e2e;

import java.util.List;

/**
 * A finished external command: what ran, its exit code and what it printed.
 *
 * @param command the command line
 * @param exitCode the process exit code
 * @param stdout everything written to standard output
 * @param stderr everything written to standard error
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

  /** Whether the command exited with 0. */
  public boolean succeeded() {
    return exitCode == 0;
  }

  /** The command line, exit code and both outputs, for assertion and error messages. */
  public String describe() {
    return "$ "
        + String.join(" ", command)
        + "\nexit code: "
        + exitCode
        + "\nstdout:\n"
        + stdout
        + "\nstderr:\n"
        + stderr;
  }
}
