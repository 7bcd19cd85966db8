package dev.sluice.runtime.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DeclaredSchemaVersionTest {
  private static CloudEventBuilder event() {
    return CloudEventBuilder.v1().withId("1").withSource(URI.create("/s")).withType("t");
  }

  @Test
  void readsTheExtensionThenTheDataschemaQueryThenItsPath() {
    assertThat(DeclaredSchemaVersion.of(event().build())).isEmpty();
    assertThat(DeclaredSchemaVersion.of(event().withExtension("sluiceschemaversion", 3).build()))
        .isEqualTo(OptionalInt.of(3));
    assertThat(
            DeclaredSchemaVersion.of(
                event().withDataSchema(URI.create("https://s.example/c?x=1&version=2")).build()))
        .isEqualTo(OptionalInt.of(2));
    assertThat(
            DeclaredSchemaVersion.of(
                event().withDataSchema(URI.create("https://s.example/flight-departed/v4")).build()))
        .isEqualTo(OptionalInt.of(4));
    assertThat(
            DeclaredSchemaVersion.of(
                event()
                    .withDataSchema(URI.create("https://s.example/c/v4"))
                    .withExtension("sluiceschemaversion", "5")
                    .build()))
        .isEqualTo(OptionalInt.of(5));
    assertThat(
            DeclaredSchemaVersion.of(
                event().withDataSchema(URI.create("https://s.example/v1beta/schema")).build()))
        .isEmpty();
  }

  @Test
  void readsTheSameConventionFromAttributesAsReceived() {
    assertThat(DeclaredSchemaVersion.of(Map.of("type", "t"))).isEmpty();
    assertThat(DeclaredSchemaVersion.of(Map.of("sluiceschemaversion", "3")))
        .isEqualTo(OptionalInt.of(3));
    assertThat(DeclaredSchemaVersion.of(Map.of("sluiceschemaversion", IntNode.valueOf(7))))
        .isEqualTo(OptionalInt.of(7));
    assertThat(DeclaredSchemaVersion.of(Map.of("dataschema", "https://s.example/c/v2")))
        .isEqualTo(OptionalInt.of(2));
    assertThatThrownBy(() -> DeclaredSchemaVersion.of(Map.of("dataschema", "a b")))
        .hasMessageContaining("dataschema is not a URI");
  }

  @Test
  void refusesAVersionThatIsNotAPositiveInteger() {
    assertThatThrownBy(
            () ->
                DeclaredSchemaVersion.of(event().withExtension("sluiceschemaversion", "0").build()))
        .hasMessageContaining("sluiceschemaversion '0' is not a positive integer");
    assertThatThrownBy(
            () ->
                DeclaredSchemaVersion.of(
                    event().withExtension("sluiceschemaversion", "v2").build()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
