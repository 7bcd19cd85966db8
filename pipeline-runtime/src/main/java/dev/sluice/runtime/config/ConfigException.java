package dev.sluice.runtime.config;

/** A configuration that cannot be used; the message names the file, field or variable at fault. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
