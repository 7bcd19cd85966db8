package dev.sluice.operator.pipeline.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;

/** Desired Service in front of the collector: HTTP and gRPC. Pure. */
public final class CollectorServices {
  private CollectorServices() {}

  /**
   * The collector's Service.
   *
   * @param model the pipeline
   * @return a ClusterIP Service {@code <pipeline>-collector} with ports http and grpc
   */
  public static Service desired(PipelineModel model) {
    Stage stage = Stage.COLLECTOR;
    return new ServiceBuilder()
        .withMetadata(model.metadata(stage))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(model.selector(stage))
        .withPorts(
            new ServicePortBuilder()
                .withName("http")
                .withPort(model.httpPort(stage))
                .withTargetPort(new IntOrString("http"))
                .withProtocol("TCP")
                .withAppProtocol("http")
                .build(),
            new ServicePortBuilder()
                .withName("grpc")
                .withPort(model.grpcPort())
                .withTargetPort(new IntOrString("grpc"))
                .withProtocol("TCP")
                .withAppProtocol("grpc")
                .build())
        .endSpec()
        .build();
  }
}
