package dev.sluice.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class the JVM's {@link Cluster} and a fresh namespace, deleted (and awaited gone)
 * after the class. The cluster is closed once, when the whole run ends.
 */
public final class ClusterExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  /** Label on every namespace the suite makes; {@code kubectl delete ns -l} it after a crash. */
  public static final String E2E_LABEL = "sluice.dev/e2e";

  private static final System.Logger LOG = System.getLogger(ClusterExtension.class.getName());
  private static final Duration NAMESPACE_GONE_TIMEOUT = Duration.ofMinutes(2);
  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(ClusterExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    Cluster cluster = cluster(context);
    String name = namespaceName(context.getRequiredTestClass());
    Namespace namespace =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(name)
            .addToLabels(E2E_LABEL, "true")
            .addToLabels("sluice.dev/e2e-class", context.getRequiredTestClass().getSimpleName())
            .endMetadata()
            .build();
    cluster.client().resource(namespace).create();
    context.getStore(STORE).put(TestNamespace.class, new TestNamespace(name));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    TestNamespace namespace =
        context.getStore(STORE).remove(TestNamespace.class, TestNamespace.class);
    if (namespace == null) {
      return;
    }
    KubernetesClient client = cluster(context).client();
    long start = System.nanoTime();
    client.namespaces().withName(namespace.name()).delete();
    await("namespace " + namespace.name() + " deleted")
        .atMost(NAMESPACE_GONE_TIMEOUT)
        .until(() -> client.namespaces().withName(namespace.name()).get() == null);
    LOG.log(
        System.Logger.Level.INFO,
        "namespace {0} deleted in {1} ms",
        namespace.name(),
        (System.nanoTime() - start) / 1_000_000);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Cluster.class
        || type == TestNamespace.class
        || type == Kubectl.class
        || type == KubernetesClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    Cluster cluster = cluster(context);
    if (type == TestNamespace.class) {
      return context.getStore(STORE).get(TestNamespace.class, TestNamespace.class);
    }
    if (type == Kubectl.class) {
      return cluster.kubectl();
    }
    if (type == KubernetesClient.class) {
      return cluster.client();
    }
    return cluster;
  }

  /** The JVM's cluster, registered in the root store so that it is closed when the run ends. */
  private static Cluster cluster(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(STORE)
        .getOrComputeIfAbsent(Cluster.class, key -> Cluster.get(), Cluster.class);
  }

  private static String namespaceName(Class<?> testClass) {
    String base = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    return "e2e-" + base.substring(0, Math.min(base.length(), 40)) + "-" + suffix;
  }
}
