package dev.sluice.runtime.collector.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.runtime.collector.contracts.PipelineContract;
import dev.sluice.runtime.deadletter.ErrorClass;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeValidatorTest {
  private static final PipelineContract KNOWN = new PipelineContract("known-contract", "known", 3);
  private final EnvelopeValidator validator =
      new EnvelopeValidator(
          1000, type -> type.equals("known") ? Optional.of(KNOWN) : Optional.empty());

  private static Map<String, Object> valid() {
    Map<String, Object> a = new HashMap<>();
    a.put("specversion", "1.0");
    a.put("id", "e1");
    a.put("source", "/airports/ams");
    a.put("type", "known");
    a.put("time", "2026-05-01T10:15:00.123+02:00");
    a.put("subject", "KL1001");
    return a;
  }

  private Optional<Rejection> check(Map<String, Object> a) {
    return validator.check(a, 100);
  }

  @Test
  void acceptsAValidEnvelope() {
    assertThat(check(valid())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "source", "specversion", "type"})
  void namesAMissingRequiredAttribute(String name) {
    Map<String, Object> a = valid();
    a.remove(name);
    assertThat(check(a))
        .hasValueSatisfying(
            r -> {
              assertThat(r.errorClass()).isEqualTo(ErrorClass.EnvelopeInvalid);
              assertThat(r.field()).isEqualTo("/" + name);
              assertThat(r.reason()).contains("'" + name + "'").contains("missing");
            });
  }

  @Test
  void requiresStringsAndSpecVersion10() {
    Map<String, Object> a = valid();
    a.put("id", 5);
    assertThat(check(a)).map(Rejection::field).hasValue("/id");
    a = valid();
    a.put("specversion", "0.3");
    assertThat(check(a)).map(Rejection::reason).hasValueSatisfying(m -> m.contains("1.0"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "yesterday",
        "2026-05-01",
        "2026-05-01T10:15:00",
        "2026-05-01T10:15Z",
        "2026-13-01T10:15:00Z"
      })
  void refusesTimesThatAreNotRfc3339(String time) {
    Map<String, Object> a = valid();
    a.put("time", time);
    assertThat(check(a)).map(Rejection::field).hasValue("/time");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"2026-05-01T10:15:00Z", "2026-05-01t10:15:00.5z", "2026-05-01T10:15:00-05:30"})
  void acceptsRfc3339Times(String time) {
    Map<String, Object> a = valid();
    a.put("time", time);
    assertThat(check(a)).isEmpty();
  }

  @Test
  void refusesAnUnknownTypeAsUnknownTypeNamingNoContract() {
    Map<String, Object> a = valid();
    a.put("type", "other");
    assertThat(check(a))
        .hasValueSatisfying(
            r -> {
              assertThat(r.errorClass()).isEqualTo(ErrorClass.UnknownType);
              assertThat(r.field()).isEqualTo("/type");
              assertThat(r.contract()).isNull();
              assertThat(r.contractVersion()).isNull();
            });
  }

  @Test
  void namesTheContractOfAGovernedTypeInTheDeclaredElseTheAcceptedVersion() {
    Map<String, Object> a = valid();
    a.put("time", "yesterday");
    assertThat(check(a))
        .hasValueSatisfying(
            r -> {
              assertThat(r.contract()).isEqualTo("known-contract");
              assertThat(r.contractVersion()).isEqualTo(3);
            });
    a.put("dataschema", "https://schemas.example/known/v2");
    assertThat(check(a)).map(Rejection::contractVersion).hasValue(2);
    a.put("sluiceschemaversion", "zero");
    assertThat(check(a))
        .hasValueSatisfying(
            r -> {
              assertThat(r.contract()).isEqualTo("known-contract");
              assertThat(r.contractVersion()).as("a malformed declaration names none").isNull();
            });
    a = valid();
    a.remove("type");
    assertThat(check(a)).map(Rejection::contract).isEmpty();
  }

  @Test
  void refusesBadExtensionNamesAndSources() {
    Map<String, Object> a = valid();
    a.put("Partition_Key", "x");
    assertThat(check(a)).map(Rejection::field).hasValue("/Partition_Key");
    a = valid();
    a.put("source", "a b");
    assertThat(check(a)).map(Rejection::field).hasValue("/source");
  }

  @Test
  void refusesAnEventOverTheSizeLimit() {
    assertThat(validator.check(valid(), 1001))
        .hasValueSatisfying(r -> assertThat(r.errorClass()).isEqualTo(ErrorClass.SizeViolation));
    assertThat(validator.check(valid(), 1000)).isEmpty();
  }
}
