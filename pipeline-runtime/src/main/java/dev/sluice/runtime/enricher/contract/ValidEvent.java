package dev.sluice.runtime.enricher.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;

/**
 * An event whose data satisfies its contract.
 *
 * @param event the event as read
 * @param data its parsed data
 * @param contract the contract it satisfies
 * @param version the contract version it was validated against
 */
public record ValidEvent(CloudEvent event, JsonNode data, CompiledContract contract, int version) {}
