package dev.sluice.runtime.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

  @Test
  void readsTheShapesCloudEventsCarryLikeOffsetDateTimeDoes() {
    for (String t :
        new String[] {
          "2001-01-14T21:05:00Z",
          "2001-01-14t21:05:00z",
          "2001-01-14T21:05:00.123456789Z",
          "2001-01-14T21:05:00.1+02:00",
          "2001-01-14T01:05:00-05:30",
          "2001-01-14T21:05Z",
          "2000-02-29T23:59:59.999999999999+14:00"
        }) {
      assertThat(Rfc3339.parse(t))
          .as(t)
          .isEqualTo(
              OffsetDateTime.parse(t.toUpperCase().replace("999999999999", "999999999"))
                  .toInstant());
    }
    assertThat(Rfc3339.parse("2001-01-14T01:05:00-05:30"))
        .isEqualTo(Instant.parse("2001-01-14T06:35:00Z"));
  }

  @Test
  void refusesWhatIsNotADateTime() {
    for (String t :
        new String[] {
          "2001-13-14T21:05:00Z",
          "2001-02-30T21:05:00Z",
          "2001-01-14T25:05:00Z",
          "2001-01-14T21:05:00+19:00",
          "2001-01-1xT21:05:00Z",
          "2001-01-14T21:05:00",
          "yesterday"
        }) {
      assertThatThrownBy(() -> Rfc3339.parse(t)).as(t).isInstanceOf(DateTimeException.class);
    }
  }

  @Test
  void strictlyReadsOnlyTheDateTimeOfRfc3339() {
    assertThat(Rfc3339.parseStrict("2001-01-14t21:05:00.5z"))
        .isEqualTo(Instant.parse("2001-01-14T21:05:00.500Z"));
    assertThat(Rfc3339.parseStrict("2001-01-14T21:05:00+01:00"))
        .isEqualTo(Instant.parse("2001-01-14T20:05:00Z"));
    for (String t :
        new String[] {
          "2001-01-14T21:05Z", // no seconds: ISO 8601 allows it, RFC 3339 does not
          "2001-01-14 21:05:00Z",
          "2001-01-14T21:05:00.Z",
          "2001-01-14T21:05:00+0100",
          "2001-01-14T21:05:0\u0661Z", // a non-ASCII digit
          "2001-01-14T21:05:00.\u0661Z",
          "2001-02-30T21:05:00Z",
          ""
        }) {
      assertThatThrownBy(() -> Rfc3339.parseStrict(t)).as(t).isInstanceOf(DateTimeException.class);
    }
  }
}
