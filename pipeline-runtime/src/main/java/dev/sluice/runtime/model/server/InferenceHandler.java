package dev.sluice.runtime.model.server;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code POST /v2/models/<name>/infer}: checks the request ({@link InferRequestParser}; 400 naming
 * the input), runs the model on a worker thread (503 with {@code Retry-After: 1} when {@code
 * maxInFlightRequests} are already running) and answers 200 with the outputs.
 */
final class InferenceHandler {
  private final Vertx vertx;

  InferenceHandler(Vertx vertx) {
    this.vertx = vertx;
  }

  void handle(RoutingContext ctx, ServedModel model) {
    long start = System.nanoTime();
    if (!model.limiter().tryAcquire()) {
      model.metrics().outcome("overloaded", 1);
      ctx.response().putHeader("retry-after", "1");
      OipRoutes.error(ctx, 503, "model server overloaded: too many inferences in flight");
      return;
    }
    Buffer body = ctx.body().buffer();
    vertx
        .<byte[]>executeBlocking(
            () -> {
              InferRequest request =
                  model.parser().parse(body == null ? new byte[0] : body.getBytes());
              List<Tensor> outputs = model.onnx().run(request.inputs());
              model.metrics().predictions(outputs.getFirst());
              if (!request.outputs().isEmpty()) {
                outputs =
                    outputs.stream().filter(t -> request.outputs().contains(t.name())).toList();
              }
              return InferResponses.write(model.name(), model.version(), request.id(), outputs);
            },
            false)
        .onComplete(
            done -> {
              model.limiter().release();
              model.metrics().latency(System.nanoTime() - start);
              if (done.succeeded()) {
                model.metrics().outcome("ok", 1);
                ctx.response()
                    .putHeader("content-type", "application/json")
                    .end(Buffer.buffer(done.result()));
              } else if (done.cause() instanceof InvalidInputException invalid) {
                model.metrics().outcome("invalid", 1);
                OipRoutes.error(ctx, 400, invalid.getMessage());
              } else {
                model.metrics().outcome("error", 1);
                OipRoutes.error(ctx, 500, "inference failed: " + done.cause().getMessage());
              }
            });
  }
}
