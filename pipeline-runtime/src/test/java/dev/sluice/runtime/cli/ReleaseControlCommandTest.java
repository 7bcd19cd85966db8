package dev.sluice.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.api.v1alpha1.ModelDeploymentSpec;
import dev.sluice.api.v1alpha1.ModelDeploymentStatus;
import dev.sluice.api.v1alpha1.ModelSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sluice promote|abort} against the fabric8 mock API server, reached the way a user's
 * machine reaches a cluster: through a kubeconfig file (here named by the {@code kubeconfig} system
 * property, the in-JVM form of {@code KUBECONFIG}).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ReleaseControlCommandTest {
  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  @AfterEach
  void forgetKubeconfig() {
    System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
  }

  @Test
  void promoteSetsTheAnnotationInTheContextsNamespace() throws IOException {
    useKubeconfig(server.url("/"), "models");
    client.resource(deployment("models", "fd", "2", "1", "2")).create();

    Run run = run("promote", "fd");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "modeldeployment models/fd: promotion of version 2 requested (sluice.dev/promote)");
    assertThat(annotations("models", "fd")).containsEntry("sluice.dev/promote", "true");
  }

  @Test
  void abortTakesTheNamespaceOption() throws IOException {
    useKubeconfig(server.url("/"), "models");
    client.resource(deployment("serving", "fd", "2", "1", "2")).create();

    Run run = run("abort", "fd", "-n", "serving");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(annotations("serving", "fd")).containsEntry("sluice.dev/abort", "true");
  }

  @Test
  void aMissingDeploymentIsOneLine() throws IOException {
    useKubeconfig(server.url("/"), "models");

    assertOneLineError(run("promote", "nope"), "modeldeployment models/nope not found");
  }

  @Test
  void noReleaseInProgressIsRefused() throws IOException {
    useKubeconfig(server.url("/"), "models");
    client.resource(deployment("models", "fd", "1", "1", null)).create();

    assertOneLineError(
        run("abort", "fd"),
        "modeldeployment models/fd has no release in progress (version 1 serves)");
    assertThat(annotations("models", "fd")).doesNotContainKey("sluice.dev/abort");
  }

  @Test
  void noClusterIsOneLine() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    useKubeconfig("http://127.0.0.1:" + closedPort + "/", "models");

    assertOneLineError(
        run("promote", "fd"), "no Kubernetes cluster answers at http://127.0.0.1:" + closedPort);
  }

  @Test
  void aMalformedNameIsRefusedBeforeAnyCall() {
    assertOneLineError(
        run("promote", "Not_A_Name"), "<name> 'Not_A_Name' is not a Kubernetes name");
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SluiceCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static void assertOneLineError(Run run, String expected) {
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains(expected).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(run.err().strip().lines().count()).isEqualTo(1);
  }

  private void useKubeconfig(String url, String namespace) throws IOException {
    Path kubeconfig =
        Files.writeString(
            dir.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: %s
            users:
            - name: test
              user:
                token: test
            contexts:
            - name: test
              context:
                cluster: test
                user: test
                namespace: %s
            current-context: test
            """
                .formatted(url, namespace));
    System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
  }

  private java.util.Map<String, String> annotations(String namespace, String name) {
    java.util.Map<String, String> annotations =
        client
            .resources(ModelDeployment.class)
            .inNamespace(namespace)
            .withName(name)
            .get()
            .getMetadata()
            .getAnnotations();
    return annotations == null ? java.util.Map.of() : annotations;
  }

  /** A ModelDeployment whose status says version {@code stable} serves and {@code candidate}. */
  private static ModelDeployment deployment(
      String namespace, String name, String version, String stable, String candidate) {
    ModelSpec model = new ModelSpec();
    model.setName("flight-delay");
    model.setVersion(version);
    ModelDeploymentSpec spec = new ModelDeploymentSpec();
    spec.setModel(model);
    ModelDeploymentStatus status = new ModelDeploymentStatus();
    status.setStableVersion(stable);
    status.setCandidateVersion(candidate);
    ModelDeployment deployment = new ModelDeployment();
    deployment.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(namespace).withGeneration(1L).build());
    deployment.setSpec(spec);
    deployment.setStatus(status);
    status.setObservedGeneration(1L);
    return deployment;
  }
}
