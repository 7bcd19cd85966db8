package dev.sluice.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every resource under {@code samples/} is applied by users as it is: it must parse into the Java
 * types with no unknown field, and pass the generated CRD schema.
 */
class SamplesTest {
  private static final Path SAMPLES = Path.of("..", "samples");
  private static final ObjectMapper STRICT =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final Map<String, Class<?>> TYPES =
      Map.of(
          "DataContract", DataContract.class,
          "DataPipeline", DataPipeline.class,
          "ModelDeployment", ModelDeployment.class);

  record Sample(Path file, int index, JsonNode document) {
    @Override
    public String toString() {
      return SAMPLES.relativize(file) + "#" + index;
    }
  }

  static Stream<Sample> samples() throws IOException {
    List<Sample> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SAMPLES)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
          int index = 0;
          for (JsonNode doc : CrdSchema.YAML.readValues(parser, JsonNode.class).readAll()) {
            if (TYPES.containsKey(doc.path("kind").asText())) {
              all.add(new Sample(file, index, doc));
            }
            index++;
          }
        }
      }
    }
    assertThat(all).as("samples of every kind").hasSizeGreaterThanOrEqualTo(9);
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void parsesWithNoUnknownField(Sample sample) throws IOException {
    Class<?> type = TYPES.get(sample.document().path("kind").asText());
    Object parsed = STRICT.treeToValue(sample.document(), type);
    assertThat(parsed).isNotNull();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void passesTheGeneratedCrdSchema(Sample sample) {
    String plural = sample.document().path("kind").asText().toLowerCase() + "s";
    assertThat(CrdSchema.of(plural).validate(sample.document())).isEmpty();
  }
}
