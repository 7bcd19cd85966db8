package dev.sluice.runtime.enricher.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddedMembersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static AddedMembers members(String json, int count) {
    return new AddedMembers(json.getBytes(StandardCharsets.UTF_8), count);
  }

  private static String append(String object, AddedMembers... added) {
    return new String(
        AddedMembers.appendTo(object.getBytes(StandardCharsets.UTF_8), List.of(added)),
        StandardCharsets.UTF_8);
  }

  @Test
  void appendsBeforeTheClosingBraceKeepingTheOriginalBytes() throws Exception {
    String out =
        append(
            " {\"origin\":\"DTW\", \"delay\": 3}\n",
            members("\"origin_city\":\"Detroit\"", 1),
            AddedMembers.NONE,
            members("\"lat\":42.21205889,\"lon\":-83.3", 2));

    assertThat(out)
        .isEqualTo(
            " {\"origin\":\"DTW\", \"delay\": 3,\"origin_city\":\"Detroit\",\"lat\":42.21205889,"
                + "\"lon\":-83.3}\n");
    assertThat(JSON.readTree(out).size()).isEqualTo(5);
  }

  @Test
  void appendsToAnEmptyObjectWithoutALeadingComma() throws Exception {
    assertThat(append("{ }", members("\"a\":1", 1))).isEqualTo("{ \"a\":1}");
    assertThat(JSON.readTree(append("{}", AddedMembers.NONE, members("\"a\":null", 1))).size())
        .isEqualTo(1);
    assertThat(append("{\"a\":{}}")).isEqualTo("{\"a\":{}}");
  }
}
