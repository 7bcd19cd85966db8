package dev.sluice.runtime.model.server;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The Open Inference Protocol v2 REST API of a model server (as KServe and Triton serve it):
 *
 * <ul>
 *   <li>{@code GET /v2/health/live} (503 once the stage can no longer recover by itself), {@code
 *       GET /v2/health/ready} (200 once the model is loaded and a warm-up inference succeeded, and
 *       stream mode's loop runs; else 503);
 *   <li>{@code GET /v2}: server metadata;
 *   <li>{@code GET /v2/models/<name>[/versions/<v>]}: model metadata (inputs, outputs);
 *   <li>{@code GET /v2/models/<name>[/versions/<v>]/ready};
 *   <li>{@code POST /v2/models/<name>[/versions/<v>]/infer}: inference (see {@link
 *       InferenceHandler}).
 * </ul>
 *
 * Errors are {@code {"error": "<message>"}}: 404 for another model or version, 503 before ready.
 */
final class OipRoutes {
  private OipRoutes() {}

  static void mount(
      Vertx vertx,
      Router router,
      Supplier<ServedModel> served,
      BooleanSupplier live,
      BooleanSupplier ready,
      String modelName,
      long maxBodyBytes) {
    router.get("/v2/health/live").handler(ctx -> probe(ctx, "live", live.getAsBoolean()));
    router.get("/v2/health/ready").handler(ctx -> probe(ctx, "ready", ready.getAsBoolean()));
    router
        .get("/v2")
        .handler(
            ctx ->
                ctx.json(
                    new JsonObject()
                        .put("name", "sluice-model-server")
                        .put("version", "v2")
                        .put("extensions", new JsonArray())));
    InferenceHandler infer = new InferenceHandler(vertx);
    for (String base : new String[] {"/v2/models/:model", "/v2/models/:model/versions/:version"}) {
      router.get(base).handler(ctx -> withModel(ctx, served, modelName, OipRoutes::metadata));
      router
          .get(base + "/ready")
          .handler(
              ctx ->
                  withModel(
                      ctx,
                      served,
                      modelName,
                      (c, m) ->
                          c.json(new JsonObject().put("name", modelName).put("ready", true))));
      router
          .post(base + "/infer")
          .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
          .handler(ctx -> withModel(ctx, served, modelName, infer::handle))
          .failureHandler(OipRoutes::failure);
    }
  }

  private static void probe(RoutingContext ctx, String name, boolean ok) {
    ctx.response().setStatusCode(ok ? 200 : 503);
    ctx.json(new JsonObject().put(name, ok));
  }

  private static void withModel(
      RoutingContext ctx,
      Supplier<ServedModel> served,
      String modelName,
      java.util.function.BiConsumer<RoutingContext, ServedModel> then) {
    String name = ctx.pathParam("model");
    if (!modelName.equals(name)) {
      error(ctx, 404, "model '" + name + "' is not served here; this server serves " + modelName);
      return;
    }
    ServedModel model = served.get();
    if (model == null) {
      error(ctx, 503, "model " + modelName + " is not loaded yet");
      return;
    }
    String version = ctx.pathParam("version");
    if (version != null && !version.equals(model.version())) {
      error(
          ctx,
          404,
          "version '"
              + version
              + "' of model "
              + modelName
              + " is not served here; "
              + model.version()
              + " is");
      return;
    }
    then.accept(ctx, model);
  }

  private static void metadata(RoutingContext ctx, ServedModel model) {
    JsonArray inputs = new JsonArray();
    model.onnx().inputs().values().forEach(t -> inputs.add(describe(t)));
    JsonArray outputs = new JsonArray();
    model.onnx().outputs().values().forEach(t -> outputs.add(describe(t)));
    ctx.json(
        new JsonObject()
            .put("name", model.name())
            .put("versions", new JsonArray().add(model.version()))
            .put("platform", "onnxruntime_onnx")
            .put("inputs", inputs)
            .put("outputs", outputs));
  }

  private static JsonObject describe(TensorSpec t) {
    JsonArray shape = new JsonArray();
    for (long d : t.shape()) {
      shape.add(d);
    }
    return new JsonObject().put("name", t.name()).put("datatype", t.datatype()).put("shape", shape);
  }

  private static void failure(RoutingContext ctx) {
    if (ctx.statusCode() == 413) {
      error(ctx, 413, "request body is larger than the limit of this model server");
    } else {
      error(ctx, 500, "internal error: " + ctx.failure());
    }
  }

  static void error(RoutingContext ctx, int status, String message) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", message).encode());
  }
}
