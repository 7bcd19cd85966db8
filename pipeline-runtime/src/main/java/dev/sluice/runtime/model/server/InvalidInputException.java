package dev.sluice.runtime.model.server;

/** An inference request this model cannot run (HTTP 400); the message names the input at fault. */
public class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }
}
