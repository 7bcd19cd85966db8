package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an enrichment does with an event it could not enrich. */
public enum OnError {
  /** Route the event to the enriched dead-letter topic. */
  @JsonProperty("deadLetter")
  DEAD_LETTER,
  /** Pass the event on and record the failure in an extension attribute. */
  @JsonProperty("continue")
  CONTINUE
}
