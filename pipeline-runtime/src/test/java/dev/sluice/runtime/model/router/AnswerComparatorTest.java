package dev.sluice.runtime.model.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerComparatorTest {
  private static byte[] answer(String data) {
    return ("{\"outputs\":[{\"name\":\"p\",\"datatype\":\"FP32\",\"shape\":[2,2],\"data\":["
            + data
            + "]}]}")
        .getBytes();
  }

  @Test
  void comparesPredictedClassesWithoutATolerance() {
    AnswerComparator argmax = new AnswerComparator(null);
    assertThat(argmax.compare(answer("0.9,0.1,0.3,0.7"), answer("0.6,0.4,0.1,0.9")))
        .isEqualTo(ShadowComparison.agree);
    assertThat(argmax.compare(answer("0.9,0.1,0.3,0.7"), answer("0.9,0.1,0.6,0.4")))
        .isEqualTo(ShadowComparison.disagree);
  }

  @Test
  void comparesValuesWithATolerance() {
    AnswerComparator close = new AnswerComparator(0.05);
    assertThat(close.compare(answer("0.9,0.1,0.3,0.7"), answer("0.88,0.12,0.3,0.7")))
        .isEqualTo(ShadowComparison.agree);
    assertThat(close.compare(answer("0.9,0.1,0.3,0.7"), answer("0.8,0.2,0.3,0.7")))
        .isEqualTo(ShadowComparison.disagree);
  }

  @Test
  void anUnreadableOrDifferentlyShapedAnswerIsAnError() {
    AnswerComparator argmax = new AnswerComparator(null);
    assertThat(argmax.compare(answer("0.9,0.1,0.3,0.7"), "nope".getBytes()))
        .isEqualTo(ShadowComparison.error);
    assertThat(argmax.compare(answer("0.9,0.1,0.3,0.7"), "{\"outputs\":[]}".getBytes()))
        .isEqualTo(ShadowComparison.error);
  }
}
