package dev.sluice.runtime.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.v1alpha1.CurationWindow;
import dev.sluice.runtime.config.ConfigException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WindowTest {
  static final Clock NOW = Clock.fixed(Instant.parse("2001-01-15T10:15:00Z"), ZoneOffset.UTC);

  @Test
  void parsesAnHourADayAndPrevious() {
    Window hour = Window.parse("2001-01-14T21", CurationWindow.Hour, NOW);
    assertThat(hour.start()).isEqualTo(Instant.parse("2001-01-14T21:00:00Z"));
    assertThat(hour.end()).isEqualTo(Instant.parse("2001-01-14T22:00:00Z"));
    assertThat(hour.hours()).hasSize(1);
    assertThat(hour.label()).isEqualTo("2001-01-14T21");

    Window day = Window.parse("2001-01-14", CurationWindow.Hour, NOW);
    assertThat(day.kind()).isEqualTo(CurationWindow.Day);
    assertThat(day.hours()).hasSize(24);
    assertThat(day.label()).isEqualTo("2001-01-14");

    assertThat(Window.parse("previous", CurationWindow.Hour, NOW).label())
        .isEqualTo("2001-01-15T09");
    assertThat(Window.parse(null, CurationWindow.Day, NOW).label()).isEqualTo("2001-01-14");
  }

  @Test
  void hourAndDayMeanTheLastCompleteOneWhateverTheConfiguredLength() {
    // what the operator's curation CronJob passes: --window Hour (spec.curation.window)
    assertThat(Window.parse("Hour", CurationWindow.Day, NOW).label()).isEqualTo("2001-01-15T09");
    assertThat(Window.parse("hour", CurationWindow.Day, NOW).kind()).isEqualTo(CurationWindow.Hour);
    Window day = Window.parse("Day", CurationWindow.Hour, NOW);
    assertThat(day.label()).isEqualTo("2001-01-14");
    assertThat(day.hours()).hasSize(24);
  }

  @Test
  void refusesAnythingElseNamingTheOption() {
    for (String bad :
        new String[] {"yesterday", "2001-13-01", "2001-01-14T25", "2001-01-14T2", ""}) {
      assertThatThrownBy(() -> Window.parse(bad, CurationWindow.Hour, NOW))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("--window");
    }
  }
}
