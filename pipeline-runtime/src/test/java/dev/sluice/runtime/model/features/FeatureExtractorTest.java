package dev.sluice.runtime.model.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FeatureExtractor extractor =
      new FeatureExtractor(
          List.of(
              new FeatureSpec("hour", "date", FeatureTransform.fractionalHour),
              new FeatureSpec("hour_of_day", "date", FeatureTransform.hourOfDay),
              new FeatureSpec("day_of_week", "date", FeatureTransform.dayOfWeek),
              new FeatureSpec("distance", "distance", null),
              new FeatureSpec("lat", "origin_lat", FeatureTransform.number)));

  @Test
  void computesEveryColumnFromTheJsonAndParquetDateForms() throws Exception {
    float[] json =
        extractor.extract(
            JSON.readTree(
                "{\"date\":\"2001/01/05 18:30\",\"distance\":1946,\"origin_lat\":\"33.64\"}"));
    assertThat(json).containsExactly(18.5f, 18f, 5f, 1946f, 33.64f);
    float[] parquet =
        extractor.extract(
            JSON.readTree(
                "{\"date\":\"2001-01-05T18:30:00\",\"distance\":1946,\"origin_lat\":33.64}"));
    assertThat(parquet).containsExactly(json);
  }

  @Test
  void namesTheFieldThatIsMissingOrMalformed() throws Exception {
    assertThatThrownBy(
            () ->
                extractor.extract(JSON.readTree("{\"date\":\"2001/01/05 18:30\",\"distance\":1}")))
        .isInstanceOf(FeatureException.class)
        .hasMessage("field 'origin_lat' is missing")
        .extracting(e -> ((FeatureException) e).field())
        .isEqualTo("origin_lat");
    assertThatThrownBy(
            () ->
                extractor.extract(
                    JSON.readTree("{\"date\":\"yesterday\",\"distance\":1,\"origin_lat\":1}")))
        .hasMessageContaining("field 'date': expected a date-time");
    assertThatThrownBy(
            () ->
                extractor.extract(
                    JSON.readTree(
                        "{\"date\":\"2001/01/05 18:30\",\"distance\":\"far\",\"origin_lat\":1}")))
        .hasMessageContaining("field 'distance': expected a number, got \"far\"");
    assertThatThrownBy(() -> extractor.extract(JSON.readTree("[1,2]")))
        .hasMessageContaining("not a JSON object");
  }
}
