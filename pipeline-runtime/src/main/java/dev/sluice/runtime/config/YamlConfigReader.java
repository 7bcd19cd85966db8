package dev.sluice.runtime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one kind of YAML configuration file (the pipeline stage configuration, a model stage's
 * configuration) strictly: a size limit, no unknown field, and every failure a {@link
 * ConfigException} that names the kind, the file and, for an unknown field, where it is.
 */
public final class YamlConfigReader {
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .findAndAddModules()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final String kind;
  private final long maxBytes;

  /**
   * @param kind what the file is, first word of every message: {@code stage configuration}
   * @param maxBytes the largest file accepted, in bytes
   */
  public YamlConfigReader(String kind, long maxBytes) {
    this.kind = kind;
    this.maxBytes = maxBytes;
  }

  /**
   * Reads {@code file} as a {@code type}; the caller checks required fields.
   *
   * @throws ConfigException when the file is missing, larger than the limit, empty, not YAML of
   *     {@code type}, or has an unknown field
   */
  public <T> T read(Path file, Class<T> type) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException(kind + " " + file + " does not exist");
      }
      if (Files.size(file) > maxBytes) {
        throw new ConfigException(kind + " " + file + " is larger than " + maxBytes + " bytes");
      }
      T config = Files.size(file) == 0 ? null : YAML.readValue(file.toFile(), type);
      if (config == null) {
        throw new ConfigException(kind + " " + file + " is empty");
      }
      return config;
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          kind
              + " "
              + file
              + ": unknown field '"
              + e.getPropertyName()
              + "' at "
              + e.getPathReference(),
          e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(kind + " " + file + " is not valid: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + kind + " " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses YAML text as a {@code type} (tests, and configurations that arrive as text).
   *
   * @throws ConfigException when the text is not YAML of {@code type} or has an unknown field
   */
  public <T> T parse(String yaml, Class<T> type) {
    try {
      return YAML.readValue(yaml, type);
    } catch (JsonProcessingException e) {
      throw new ConfigException(kind + " is not valid: " + e.getMessage(), e);
    }
  }
}
