package dev.sluice.runtime.model.server;

import java.util.List;

/**
 * A checked Open Inference Protocol v2 inference request.
 *
 * @param id the request's {@code id}, echoed in the response, or null
 * @param inputs one tensor per model input
 * @param outputs names of the outputs to return; empty for all
 */
public record InferRequest(String id, List<Tensor> inputs, List<String> outputs) {}
