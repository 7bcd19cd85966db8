package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart of {@code helm-chart/}, with the real {@code helm} ({@code
 * tools/servers/install.sh helm}): it lints; its rendered Deployment meets the "restricted" Pod
 * Security Standard; its RBAC grants exactly the permissions the operator's code uses ({@link
 * #NEEDED}, each traced to the class that needs it) cluster-wide or only in the watched namespaces;
 * and, installed on a real API server (in a namespace that enforces "restricted"), {@code kubectl
 * auth can-i} as the operator's ServiceAccount says yes to every needed permission and no to what
 * it must not have.
 */
@SluiceE2E
class HelmChartE2E {

  private static final Duration ROLLOUT = Duration.ofSeconds(90);
  private static final String RENDER_NAMESPACE = "ns-under-test";

  /** Where a permission applies. */
  enum Scope {
    /** Every namespace whose resources the operator reconciles. */
    WATCHED,
    /** The release namespace, where the leader-election Lease lives. */
    RELEASE,
    /** Cluster-scoped objects. */
    CLUSTER
  }

  /**
   * One permission: a verb on a resource (group, plural, optional subresource and object name).
   *
   * @param why the operator code that needs it (or, for a forbidden one, why it must not have it)
   */
  record Permission(
      Scope scope,
      String verb,
      String group,
      String resource,
      String subresource,
      String name,
      String why) {

    static Permission of(Scope scope, String verb, String groupResource, String why) {
      String[] parts = groupResource.split("/", 2);
      String resource = parts[0];
      String sub = parts.length > 1 ? parts[1] : "";
      int dot = resource.indexOf('.');
      String group = dot < 0 ? "" : resource.substring(dot + 1);
      String plural = dot < 0 ? resource : resource.substring(0, dot);
      return new Permission(scope, verb, group, plural, sub, "", why);
    }

    Permission named(String objectName) {
      return new Permission(scope, verb, group, resource, subresource, objectName, why);
    }

    /** The same permission as a rendered rule expands to it (scope and reason left out). */
    Grant grant() {
      return new Grant(
          verb, group, subresource.isEmpty() ? resource : resource + "/" + subresource, name);
    }

    /** Arguments of {@code kubectl auth can-i}. */
    List<String> canIArgs() {
      List<String> args = new ArrayList<>(List.of("auth", "can-i", verb));
      String target = group.isEmpty() ? resource : resource + "." + group;
      args.add(name.isEmpty() ? target : target + "/" + name);
      if (!subresource.isEmpty()) {
        args.add("--subresource=" + subresource);
      }
      return args;
    }

    @Override
    public String toString() {
      return verb
          + " "
          + (group.isEmpty() ? "" : group + "/")
          + resource
          + (subresource.isEmpty() ? "" : "/" + subresource)
          + (name.isEmpty() ? "" : " named " + name)
          + " ("
          + scope
          + "; "
          + why
          + ")";
    }
  }

  /** One verb on one resource (and object name, or "" for any) as an RBAC rule grants it. */
  record Grant(String verb, String group, String resource, String name) {}

  private static final List<String> WRITE = List.of("create", "patch", "delete");
  private static final List<String> READ = List.of("get", "list", "watch");

  /**
   * Every permission the operator's code uses, read from the operator module (JOSDK 5.2.3 with
   * server-side apply, the default): informers list and watch, and JOSDK gets a primary again when
   * a patch conflicts; dependents are created and changed by server-side apply (a PATCH, which
   * creates when the object is absent) and pruned with delete.
   */
  static final List<Permission> NEEDED = needed();

  private static List<Permission> needed() {
    List<Permission> all = new ArrayList<>();
    for (String verb : READ) {
      all.add(
          Permission.of(
              Scope.WATCHED,
              verb,
              "datacontracts.sluice.dev",
              "DataContractReconciler primary; DataPipelineReconciler 'contracts' informer"));
      all.add(
          Permission.of(
              Scope.WATCHED,
              verb,
              "datapipelines.sluice.dev",
              "DataPipelineReconciler primary; DataContractReconciler 'pipelines' informer"));
    }
    all.add(
        Permission.of(
            Scope.WATCHED,
            "patch",
            "datapipelines.sluice.dev",
            "DataPipelineReconciler is a Cleaner: JOSDK adds/removes its finalizer by patch"));
    for (String verb : READ) {
      all.add(
          Permission.of(
              Scope.WATCHED,
              verb,
              "modeldeployments.sluice.dev",
              "ModelDeploymentReconciler primary"));
    }
    all.add(
        Permission.of(
            Scope.WATCHED,
            "patch",
            "modeldeployments.sluice.dev",
            "ModelDeploymentReconciler removes used sluice.dev/promote|abort annotations by patch"));
    for (String kind : List.of("datacontracts.sluice.dev", "datapipelines.sluice.dev")) {
      all.add(
          Permission.of(
              Scope.WATCHED,
              "patch",
              kind + "/status",
              "StatusPatch -> UpdateControl.patchStatus"));
    }
    all.add(
        Permission.of(
            Scope.WATCHED,
            "patch",
            "modeldeployments.sluice.dev/status",
            "ModelDeploymentReconciler.persist: JSON Patch of the status"));
    Map<String, String> dependents = new java.util.LinkedHashMap<>();
    dependents.put(
        "configmaps",
        "ContractSchemasDependentResource, StageConfigMapsDependentResource,"
            + " ModelConfigMapsDependentResource");
    dependents.put("services", "CollectorServiceDependentResource, ModelServicesDependentResource");
    dependents.put(
        "deployments.apps", "StageDeploymentsDependentResource, ModelDeploymentsDependentResource");
    dependents.put(
        "horizontalpodautoscalers.autoscaling",
        "StageAutoscalersDependentResource, ModelAutoscalersDependentResource");
    dependents.put("poddisruptionbudgets.policy", "StageDisruptionBudgetsDependentResource");
    dependents.put("cronjobs.batch", "CurationCronJobDependentResource");
    dependents.put("kafkatopics.kafka.strimzi.io", "StrimziTopicsDependentResource");
    dependents.forEach(
        (resource, why) ->
            Stream.concat(READ.stream(), WRITE.stream())
                .forEach(verb -> all.add(Permission.of(Scope.WATCHED, verb, resource, why))));
    all.add(
        Permission.of(
            Scope.WATCHED,
            "update",
            "configmaps",
            "JOSDK writes ConfigMaps without server-side apply (found by DataPipelineE2E)"));
    all.add(
        Permission.of(
            Scope.WATCHED,
            "get",
            "secrets",
            "ObjectStoreAccessResolver reads spec.objectStore.credentialsSecret"));
    for (String verb : List.of("get", "create", "patch")) {
      all.add(
          Permission.of(
              Scope.WATCHED,
              verb,
              "httproutes.gateway.networking.k8s.io",
              "HttpRouteDependentResource: read by name, created when absent, rules patched"));
    }
    all.add(
        Permission.of(
            Scope.WATCHED,
            "list",
            "pods",
            "RouterPods: router pod IPs for analysis provider Router"));
    all.add(Permission.of(Scope.WATCHED, "create", "events", "EventRecorder"));
    all.add(
        Permission.of(
                Scope.CLUSTER,
                "get",
                "customresourcedefinitions.apiextensions.k8s.io",
                "CrdPresence: is Strimzi's KafkaTopic CRD installed")
            .named("kafkatopics.kafka.strimzi.io"));
    all.add(
        Permission.of(
                Scope.CLUSTER,
                "get",
                "customresourcedefinitions.apiextensions.k8s.io",
                "CrdPresence: is the Gateway API HTTPRoute CRD installed")
            .named("httproutes.gateway.networking.k8s.io"));
    all.add(
        Permission.of(
            Scope.RELEASE,
            "create",
            "leases.coordination.k8s.io",
            "JOSDK LeaderElectionManager (fabric8 LeaseLock)"));
    for (String verb : List.of("get", "update", "patch")) {
      all.add(
          Permission.of(
                  Scope.RELEASE,
                  verb,
                  "leases.coordination.k8s.io",
                  "JOSDK LeaderElectionManager (fabric8 LeaseLock)")
              .named("sluice-operator"));
    }
    return List.copyOf(all);
  }

  /** What the operator must never be able to do. */
  static final List<Permission> FORBIDDEN =
      List.of(
          Permission.of(Scope.WATCHED, "list", "secrets", "reads one Secret by name"),
          Permission.of(Scope.WATCHED, "watch", "secrets", "reads one Secret by name"),
          Permission.of(Scope.WATCHED, "create", "secrets", "never writes Secrets"),
          Permission.of(Scope.WATCHED, "update", "secrets", "never writes Secrets"),
          Permission.of(Scope.WATCHED, "delete", "secrets", "never writes Secrets"),
          Permission.of(Scope.WATCHED, "get", "pods", "lists router pods, never reads one"),
          Permission.of(Scope.WATCHED, "watch", "pods", "lists router pods when analysing only"),
          Permission.of(Scope.WATCHED, "delete", "pods", "pods come from Deployments"),
          Permission.of(Scope.WATCHED, "create", "pods", "pods come from Deployments"),
          Permission.of(Scope.WATCHED, "create", "pods/exec", "no exec into stages"),
          Permission.of(Scope.WATCHED, "create", "pods/portforward", "no port-forward"),
          Permission.of(Scope.WATCHED, "create", "serviceaccounts/token", "no token minting"),
          Permission.of(Scope.WATCHED, "create", "datapipelines.sluice.dev", "users' objects"),
          Permission.of(Scope.WATCHED, "delete", "datapipelines.sluice.dev", "users' objects"),
          Permission.of(Scope.WATCHED, "update", "datapipelines.sluice.dev", "patch suffices"),
          Permission.of(Scope.WATCHED, "patch", "datacontracts.sluice.dev", "no finalizer"),
          Permission.of(Scope.WATCHED, "delete", "datacontracts.sluice.dev", "users' objects"),
          Permission.of(Scope.WATCHED, "create", "modeldeployments.sluice.dev", "users' objects"),
          Permission.of(Scope.WATCHED, "delete", "modeldeployments.sluice.dev", "users' objects"),
          Permission.of(Scope.WATCHED, "update", "modeldeployments.sluice.dev", "patch suffices"),
          Permission.of(
              Scope.WATCHED, "list", "httproutes.gateway.networking.k8s.io", "one route by name"),
          Permission.of(
              Scope.WATCHED, "delete", "httproutes.gateway.networking.k8s.io", "users' routes"),
          Permission.of(Scope.WATCHED, "update", "deployments.apps", "server-side apply"),
          Permission.of(Scope.WATCHED, "create", "roles.rbac.authorization.k8s.io", "no RBAC"),
          Permission.of(Scope.WATCHED, "create", "rolebindings.rbac.authorization.k8s.io", "-"),
          Permission.of(Scope.CLUSTER, "create", "clusterroles.rbac.authorization.k8s.io", "-"),
          Permission.of(Scope.CLUSTER, "bind", "clusterroles.rbac.authorization.k8s.io", "-"),
          Permission.of(Scope.CLUSTER, "escalate", "clusterroles.rbac.authorization.k8s.io", "-"),
          Permission.of(
              Scope.CLUSTER, "create", "clusterrolebindings.rbac.authorization.k8s.io", ""),
          Permission.of(
              Scope.CLUSTER, "list", "customresourcedefinitions.apiextensions.k8s.io", ""),
          Permission.of(
              Scope.CLUSTER, "create", "customresourcedefinitions.apiextensions.k8s.io", ""),
          Permission.of(Scope.CLUSTER, "get", "customresourcedefinitions.apiextensions.k8s.io", "")
              .named("datapipelines.sluice.dev"),
          Permission.of(Scope.CLUSTER, "delete", "namespaces", "-"),
          Permission.of(Scope.CLUSTER, "list", "nodes", "-"),
          Permission.of(Scope.CLUSTER, "impersonate", "serviceaccounts", "-"),
          Permission.of(Scope.RELEASE, "list", "leases.coordination.k8s.io", "one Lease by name"),
          Permission.of(Scope.RELEASE, "delete", "leases.coordination.k8s.io", "-")
              .named("sluice-operator"),
          Permission.of(Scope.RELEASE, "update", "leases.coordination.k8s.io", "not others' Lease")
              .named("kube-controller-manager"));

  private static String releaseNamespace;
  private static String watchedNamespace;
  private static Installed clusterWide;
  private static Installed scoped;

  /** A release rendered and applied: its name, objects and what {@code kubectl apply} said. */
  record Installed(String release, List<HasMetadata> objects, CommandResult apply) {
    String serviceAccount() {
      return one(objects, io.fabric8.kubernetes.api.model.ServiceAccount.class)
          .getMetadata()
          .getName();
    }
  }

  @BeforeAll
  static void installTheChartTwice(Cluster cluster, TestNamespace namespace) throws Exception {
    cluster.installSluiceCrds();
    cluster.installStrimziKafkaTopicCrd();
    installHttpRouteCrd(cluster);
    KubernetesClient client = cluster.client();
    releaseNamespace = namespace.name();
    // The operator pod must be admitted where "restricted" is enforced, with no warning.
    cluster
        .kubectl()
        .succeed(
            "label",
            "namespace",
            releaseNamespace,
            "pod-security.kubernetes.io/enforce=restricted",
            "pod-security.kubernetes.io/warn=restricted");
    watchedNamespace = releaseNamespace + "-watched";
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(watchedNamespace)
                .addToLabels(ClusterExtension.E2E_LABEL, "true")
                .endMetadata()
                .build())
        .create();

    // Release names are unique per run: ClusterRoles are shared by everyone using the cluster.
    clusterWide = install(cluster, releaseNamespace + "-all");
    scoped =
        install(
            cluster,
            releaseNamespace + "-ns",
            "--set",
            "watchNamespaces={" + watchedNamespace + "}");
  }

  /**
   * The Gateway API HTTPRoute CRD (names and version only; the operator's code reads routes as
   * generic resources), so that {@code kubectl auth can-i} resolves {@code
   * httproutes.gateway.networking.k8s.io}: without it kubectl asks about a resource of no group and
   * is told no. Left installed, like Strimzi's KafkaTopic CRD: the cluster is the test suite's.
   */
  private static void installHttpRouteCrd(Cluster cluster) {
    KubernetesClient client = cluster.client();
    String name = "httproutes.gateway.networking.k8s.io";
    if (client.apiextensions().v1().customResourceDefinitions().withName(name).get() == null) {
      var crd =
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .resource(
                  new CustomResourceDefinitionBuilder()
                      .withNewMetadata()
                      .withName(name)
                      // k8s.io groups need it; the Gateway API's own CRDs carry this value.
                      .addToAnnotations(
                          "api-approved.kubernetes.io",
                          "https://github.com/kubernetes-sigs/gateway-api/pull/2466")
                      .endMetadata()
                      .withNewSpec()
                      .withGroup("gateway.networking.k8s.io")
                      .withScope("Namespaced")
                      .withNewNames()
                      .withKind("HTTPRoute")
                      .withPlural("httproutes")
                      .withSingular("httproute")
                      .withListKind("HTTPRouteList")
                      .endNames()
                      .addNewVersion()
                      .withName("v1")
                      .withServed(true)
                      .withStorage(true)
                      .withNewSchema()
                      .withNewOpenAPIV3Schema()
                      .withType("object")
                      .withXKubernetesPreserveUnknownFields(true)
                      .endOpenAPIV3Schema()
                      .endSchema()
                      .endVersion()
                      .endSpec()
                      .build())
              .create();
      CrdInstaller.awaitEstablished(client, List.of(crd));
    }
    cluster.kubectl().invalidateDiscovery();
  }

  @AfterAll
  static void removeClusterScopedObjectsAndTheWatchedNamespace(KubernetesClient client) {
    for (Installed installed : Stream.of(clusterWide, scoped).filter(Objects::nonNull).toList()) {
      for (HasMetadata object : installed.objects()) {
        if (object instanceof ClusterRole || object instanceof ClusterRoleBinding) {
          client.resource(object).delete();
        }
      }
    }
    if (watchedNamespace != null) {
      client.namespaces().withName(watchedNamespace).delete();
      await("namespace " + watchedNamespace + " deleted")
          .atMost(Duration.ofMinutes(2))
          .until(() -> client.namespaces().withName(watchedNamespace).get() == null);
    }
  }

  @Test
  void helmLintPassesWithDefaultAndWatchNamespacesValues() {
    Helm.succeed("lint", "--strict", chart().toString());
    Helm.succeed(
        "lint", "--strict", chart().toString(), "--set", "watchNamespaces={team-a,team-b}");
    Helm.succeed(
        "lint",
        "--strict",
        chart().toString(),
        "--set",
        "operator.serverSideApply=false,leaderElection.enabled=false");
  }

  @Test
  void theChartInstallsTheGeneratedCrds() throws Exception {
    List<HasMetadata> withCrds =
        parse(Helm.succeed("template", "x", chart().toString(), "--include-crds"));
    List<String> crds =
        withCrds.stream()
            .filter(o -> o.getKind().equals("CustomResourceDefinition"))
            .map(o -> o.getMetadata().getName())
            .sorted()
            .toList();
    List<String> files = new ArrayList<>();
    for (Path file : Repo.crdFiles()) {
      files.add(parse(Files.readString(file)).getFirst().getMetadata().getName());
    }
    assertThat(crds).containsExactlyElementsOf(files.stream().sorted().toList());
  }

  @Test
  void theOperatorDeploymentMeetsTheRestrictedPodSecurityStandard() {
    Deployment deployment = one(render("r"), Deployment.class);
    PodSecurityContext pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
    assertThat(pod.getRunAsNonRoot()).as("pod runAsNonRoot").isTrue();
    assertThat(pod.getRunAsUser()).as("pod runAsUser").isPositive();
    assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

    Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    SecurityContext container = operator.getSecurityContext();
    assertThat(container.getRunAsNonRoot()).as("runAsNonRoot").isTrue();
    assertThat(container.getReadOnlyRootFilesystem()).as("readOnlyRootFilesystem").isTrue();
    assertThat(container.getAllowPrivilegeEscalation()).as("allowPrivilegeEscalation").isFalse();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getPrivileged()).isNotEqualTo(Boolean.TRUE);
    assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    // The JVM writes to /tmp: an emptyDir, since the root filesystem is read-only.
    assertThat(operator.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));

    // HealthServer's endpoints, on the port SLUICE_HTTP_PORT names.
    assertThat(operator.getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getName()).isEqualTo("http"));
    int port = operator.getPorts().getFirst().getContainerPort();
    assertThat(env(operator)).containsEntry("SLUICE_HTTP_PORT", String.valueOf(port));
    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
    assertThat(operator.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(operator.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
  }

  @Test
  void valuesReachTheOperatorAsTheEnvironmentOperatorConfigReads() {
    Container defaults = operatorContainer(render("r"));
    assertThat(env(defaults))
        .containsEntry("SLUICE_WATCH_NAMESPACES", "")
        .containsEntry("SLUICE_RUNTIME_IMAGE", "ghcr.io/sluice-dev/sluice-runtime:0.1.0")
        .containsEntry("SLUICE_LEADER_ELECTION", "true")
        .containsEntry("SLUICE_LEADER_ELECTION_NAMESPACE", "ns-under-test")
        .containsEntry("SLUICE_SERVER_SIDE_APPLY", "true")
        .containsEntry("SLUICE_LOG_LEVEL", "INFO")
        .containsKeys(
            "SLUICE_KAFKA_TIMEOUT_MS",
            "SLUICE_TOPIC_POLL_SECONDS",
            "SLUICE_BUCKET_POLL_SECONDS",
            "SLUICE_RETRY_MAX_INTERVAL_SECONDS",
            "POD_NAMESPACE");
    assertThat(defaults.getImage()).isEqualTo("ghcr.io/sluice-dev/sluice-operator:0.1.0");

    Container set =
        operatorContainer(
            render(
                "r",
                "--set",
                "watchNamespaces={team-a,team-b}",
                "--set",
                "runtime.image.tag=1.2.3,operator.image.tag=4.5.6,operator.logLevel=DEBUG",
                "--set",
                "kafka.topicPollSeconds=7,objectStore.bucketPollSeconds=9"));
    assertThat(env(set))
        .containsEntry("SLUICE_WATCH_NAMESPACES", "team-a,team-b")
        .containsEntry("SLUICE_RUNTIME_IMAGE", "ghcr.io/sluice-dev/sluice-runtime:1.2.3")
        .containsEntry("SLUICE_LOG_LEVEL", "DEBUG")
        .containsEntry("SLUICE_TOPIC_POLL_SECONDS", "7")
        .containsEntry("SLUICE_BUCKET_POLL_SECONDS", "9");
    assertThat(set.getImage()).isEqualTo("ghcr.io/sluice-dev/sluice-operator:4.5.6");

    CommandResult twoWithoutLeader =
        Helm.run(
            "template",
            "r",
            chart().toString(),
            "--set",
            "operator.replicas=2,leaderElection.enabled=false");
    assertThat(twoWithoutLeader.succeeded()).isFalse();
    assertThat(twoWithoutLeader.stderr()).contains("needs leaderElection.enabled");
  }

  @Test
  void byDefaultTheClusterRoleGrantsExactlyWhatTheOperatorNeeds() {
    List<HasMetadata> objects = render("r");
    Map<String, Set<Grant>> clusterRoles = clusterRoleGrants(objects);
    assertThat(clusterRoles)
        .containsOnlyKeys("r-sluice-operator", "r-sluice-operator-crds")
        .containsEntry("r-sluice-operator", grants(Scope.WATCHED))
        .containsEntry("r-sluice-operator-crds", grants(Scope.CLUSTER));
    assertThat(roleGrants(objects))
        .containsOnlyKeys("ns-under-test/r-sluice-operator-leader-election")
        .containsEntry("ns-under-test/r-sluice-operator-leader-election", grants(Scope.RELEASE));
    assertThat(objects.stream().filter(o -> o instanceof ClusterRoleBinding).count()).isEqualTo(2);
    assertNoWildcards(objects);
  }

  @Test
  void watchNamespacesGetARoleEachAndNothingClusterWideButTheCrdGet() {
    List<HasMetadata> objects = render("r", "--set", "watchNamespaces={team-a,team-b}");
    assertThat(clusterRoleGrants(objects))
        .containsOnlyKeys("r-sluice-operator-crds")
        .containsEntry("r-sluice-operator-crds", grants(Scope.CLUSTER));
    assertThat(roleGrants(objects))
        .containsOnlyKeys(
            "team-a/r-sluice-operator",
            "team-b/r-sluice-operator",
            "ns-under-test/r-sluice-operator-leader-election")
        .containsEntry("team-a/r-sluice-operator", grants(Scope.WATCHED))
        .containsEntry("team-b/r-sluice-operator", grants(Scope.WATCHED));
    List<RoleBinding> bindings =
        objects.stream()
            .filter(o -> o instanceof RoleBinding)
            .map(RoleBinding.class::cast)
            .toList();
    assertThat(bindings)
        .allSatisfy(
            b ->
                assertThat(b.getSubjects())
                    .singleElement()
                    .satisfies(
                        s -> {
                          assertThat(s.getKind()).isEqualTo("ServiceAccount");
                          assertThat(s.getNamespace()).isEqualTo("ns-under-test");
                        }));
    assertNoWildcards(objects);
  }

  @Test
  void withoutServerSideApplyTheDependentsAlsoGetUpdate() {
    Set<Grant> rendered =
        clusterRoleGrants(render("r", "--set", "operator.serverSideApply=false"))
            .get("r-sluice-operator");
    Set<Grant> added = new LinkedHashSet<>(rendered);
    added.removeAll(grants(Scope.WATCHED));
    assertThat(rendered).containsAll(grants(Scope.WATCHED));
    assertThat(added)
        .extracting(g -> g.verb() + " " + g.resource())
        .containsExactlyInAnyOrder(
            "update services",
            "update deployments",
            "update horizontalpodautoscalers",
            "update poddisruptionbudgets",
            "update cronjobs",
            "update kafkatopics");
    assertThat(
            render("r", "--set", "leaderElection.enabled=false").stream()
                .filter(o -> o.getMetadata().getName().endsWith("-leader-election")))
        .isEmpty();
  }

  @Test
  void theRenderedChartAppliesToARealApiServerAndTheOperatorPodIsAdmitted(KubernetesClient client) {
    for (Installed installed : List.of(clusterWide, scoped)) {
      assertThat(installed.apply().stderr())
          .as("kubectl apply of release %s printed warnings", installed.release())
          .doesNotContainIgnoringCase("warning");
      String deployment = one(installed.objects(), Deployment.class).getMetadata().getName();
      // On KWOK nodes no container runs, but the pod must pass "restricted" admission to exist.
      await("deployment " + deployment + " ready")
          .atMost(ROLLOUT)
          .untilAsserted(
              () -> {
                Deployment current =
                    client
                        .apps()
                        .deployments()
                        .inNamespace(releaseNamespace)
                        .withName(deployment)
                        .get();
                assertThat(current).as("deployment %s", deployment).isNotNull();
                assertThat(current.getStatus()).as("status of %s", deployment).isNotNull();
                assertThat(current.getStatus().getReadyReplicas()).isEqualTo(1);
              });
    }
  }

  @Test
  void clusterWideTheServiceAccountCanDoWhatTheOperatorNeedsAndNothingForbidden(Kubectl kubectl) {
    try (CanI canI = new CanI(kubectl, clusterWide)) {
      for (Permission p : NEEDED) {
        canI.expect(p, namespaceOf(p, releaseNamespace), true);
      }
      // Cluster-wide means any namespace, not only the release one.
      for (Permission p : NEEDED) {
        if (p.scope() == Scope.WATCHED) {
          canI.expect(p, watchedNamespace, true);
        }
      }
      for (Permission p : FORBIDDEN) {
        canI.expect(p, namespaceOf(p, releaseNamespace), false);
      }
      assertThat(canI.disagreements())
          .as(
              "kubectl auth can-i as %s disagrees with the operator's needs",
              clusterWide.serviceAccount())
          .isEmpty();
    }
  }

  @Test
  void withWatchNamespacesTheServiceAccountCanActOnlyInThem(Kubectl kubectl) {
    try (CanI canI = new CanI(kubectl, scoped)) {
      for (Permission p : NEEDED) {
        canI.expect(p, namespaceOf(p, watchedNamespace), true);
      }
      for (Permission p : NEEDED) {
        if (p.scope() == Scope.WATCHED) {
          // The release namespace is not watched: nothing there but the Lease.
          canI.expect(p, releaseNamespace, false);
          canI.expect(p, "default", false);
        }
      }
      for (Permission p : FORBIDDEN) {
        canI.expect(p, namespaceOf(p, watchedNamespace), false);
      }
      assertThat(canI.disagreements())
          .as(
              "kubectl auth can-i as %s disagrees with the operator's needs",
              scoped.serviceAccount())
          .isEmpty();
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static String namespaceOf(Permission p, String watched) {
    return switch (p.scope()) {
      case WATCHED -> watched;
      case RELEASE -> releaseNamespace;
      case CLUSTER -> null;
    };
  }

  /**
   * {@code kubectl auth can-i ... --as=system:serviceaccount:<ns>:<sa>} for many permissions, a few
   * at a time (each is a kubectl process).
   */
  private static final class CanI implements AutoCloseable {
    private final Kubectl kubectl;
    private final String serviceAccount;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final List<Future<String>> checks = new ArrayList<>();

    CanI(Kubectl kubectl, Installed installed) {
      this.kubectl = kubectl;
      this.serviceAccount =
          "system:serviceaccount:" + releaseNamespace + ":" + installed.serviceAccount();
    }

    /** Asks whether {@code p} is allowed in {@code namespace} (null: cluster-wide). */
    void expect(Permission p, String namespace, boolean allowed) {
      List<String> args = p.canIArgs();
      if (namespace != null) {
        args.addAll(List.of("-n", namespace));
      }
      args.add("--as=" + serviceAccount);
      checks.add(
          pool.submit(
              () -> {
                CommandResult result = kubectl.run(args.toArray(String[]::new));
                String answer = result.stdout().strip();
                if (!answer.equals("yes") && !answer.equals("no")) {
                  return "no answer: " + result.describe();
                }
                if (answer.equals("yes") == allowed) {
                  return null;
                }
                return (allowed ? "denied but needed: " : "allowed but forbidden: ")
                    + p
                    + (namespace == null ? "" : " in " + namespace);
              }));
    }

    /** Every answer that was not the expected one. */
    List<String> disagreements() {
      List<String> wrong = new ArrayList<>();
      for (Future<String> check : checks) {
        try {
          String disagreement = check.get(2, TimeUnit.MINUTES);
          if (disagreement != null) {
            wrong.add(disagreement);
          }
        } catch (Exception e) {
          throw new IllegalStateException("kubectl auth can-i did not finish", e);
        }
      }
      return wrong;
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }
  }

  private static Installed install(Cluster cluster, String release, String... set) {
    String yaml = renderText(releaseNamespace, release, set);
    CommandResult apply = cluster.kubectl().runWithInput(yaml, "apply", "-f", "-");
    if (!apply.succeeded()) {
      throw new AssertionError("kubectl apply of the rendered chart failed:\n" + apply.describe());
    }
    return new Installed(release, parse(yaml), apply);
  }

  /** Renders release {@code release} into namespace {@value #RENDER_NAMESPACE}, no API server. */
  private static List<HasMetadata> render(String release, String... set) {
    return parse(renderText(RENDER_NAMESPACE, release, set));
  }

  private static String renderText(String namespace, String release, String... set) {
    List<String> args =
        new ArrayList<>(List.of("template", release, chart().toString(), "-n", namespace));
    args.addAll(List.of(set));
    return Helm.succeed(args.toArray(String[]::new));
  }

  private static List<HasMetadata> parse(String yaml) {
    // load() only deserializes; nothing is sent to the API server.
    return Cluster.get()
        .client()
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
        .items()
        .stream()
        .filter(Objects::nonNull)
        .toList();
  }

  private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
    List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(matching).as("rendered %s objects", type.getSimpleName()).hasSize(1);
    return matching.getFirst();
  }

  private static Container operatorContainer(List<HasMetadata> objects) {
    return one(objects, Deployment.class)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .getFirst();
  }

  private static Map<String, String> env(Container container) {
    Map<String, String> env = new HashMap<>();
    for (EnvVar var : container.getEnv()) {
      env.put(
          var.getName(),
          var.getValue() == null ? "<from " + var.getValueFrom() + ">" : var.getValue());
    }
    return env;
  }

  private static Set<Grant> grants(Scope scope) {
    return NEEDED.stream()
        .filter(p -> p.scope() == scope)
        .map(Permission::grant)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static Map<String, Set<Grant>> clusterRoleGrants(List<HasMetadata> objects) {
    Map<String, Set<Grant>> byName = new HashMap<>();
    objects.stream()
        .filter(o -> o instanceof ClusterRole)
        .map(ClusterRole.class::cast)
        .forEach(r -> byName.put(r.getMetadata().getName(), expand(r.getRules())));
    return byName;
  }

  private static Map<String, Set<Grant>> roleGrants(List<HasMetadata> objects) {
    Map<String, Set<Grant>> byName = new HashMap<>();
    objects.stream()
        .filter(o -> o instanceof Role)
        .map(Role.class::cast)
        .forEach(
            r ->
                byName.put(
                    r.getMetadata().getNamespace() + "/" + r.getMetadata().getName(),
                    expand(r.getRules())));
    return byName;
  }

  /** Every (verb, group, resource, name) a list of rules grants. */
  private static Set<Grant> expand(List<PolicyRule> rules) {
    Set<Grant> grants = new LinkedHashSet<>();
    for (PolicyRule rule : rules) {
      List<String> names =
          rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
              ? List.of("")
              : rule.getResourceNames();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            for (String name : names) {
              grants.add(new Grant(verb, group, resource, name));
            }
          }
        }
      }
    }
    return grants;
  }

  private static void assertNoWildcards(List<HasMetadata> objects) {
    List<PolicyRule> rules = new ArrayList<>();
    objects.forEach(
        o -> {
          if (o instanceof ClusterRole r) {
            rules.addAll(r.getRules());
          } else if (o instanceof Role r) {
            rules.addAll(r.getRules());
          }
        });
    assertThat(rules)
        .allSatisfy(
            r -> {
              assertThat(r.getVerbs()).doesNotContain("*");
              assertThat(r.getResources()).doesNotContain("*");
              assertThat(r.getApiGroups()).doesNotContain("*");
              assertThat(r.getNonResourceURLs()).isNullOrEmpty();
            });
  }

  private static Path chart() {
    return Repo.root().resolve("helm-chart");
  }
}
