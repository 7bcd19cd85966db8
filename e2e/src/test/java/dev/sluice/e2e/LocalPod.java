package dev.sluice.e2e;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a kubelet would give the container of a Deployment's pod, laid out on this machine: the
 * ConfigMap, Secret and emptyDir volumes written under a root directory at their mount paths
 * (honouring {@code items} and {@code subPath}), the environment resolved ({@code value}, {@code
 * secretKeyRef}, {@code configMapKeyRef}, {@code fieldRef} of the pod's name and namespace), and
 * the container's args with mounted paths moved under the root. KWOK pods run no container, so the
 * e2e tests run the stage as a local process from this, with exactly the objects the operator
 * wrote.
 *
 * <p>Supports the volume kinds the operator renders; any other kind fails with its name.
 */
final class LocalPod {

  private final Path root;
  private final List<String> mountPaths;
  private final List<String> args;
  private final Map<String, String> env;

  private LocalPod(Path root, List<String> mountPaths, List<String> args, Map<String, String> env) {
    this.root = root;
    this.mountPaths = mountPaths;
    this.args = args;
    this.env = env;
  }

  /**
   * Lays out the first container of {@code deployment}'s pod template under {@code root}.
   *
   * @param podName the pod's name, for {@code fieldRef: metadata.name} (a real pod of the
   *     Deployment: the KWOK one)
   * @throws IllegalStateException when a referenced ConfigMap, Secret or key does not exist, or a
   *     volume is of a kind this class does not lay out
   */
  static LocalPod materialize(
      KubernetesClient client, Deployment deployment, String podName, Path root) {
    String ns = deployment.getMetadata().getNamespace();
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().getFirst();
    Map<String, Volume> volumes = new LinkedHashMap<>();
    pod.getVolumes().forEach(v -> volumes.put(v.getName(), v));
    List<String> mountPaths = new ArrayList<>();
    for (VolumeMount mount : container.getVolumeMounts()) {
      Volume volume = volumes.get(mount.getName());
      if (volume == null) {
        throw new IllegalStateException("volumeMount " + mount.getName() + " has no volume");
      }
      Map<String, byte[]> files = files(client, ns, volume);
      Path target = under(root, mount.getMountPath());
      if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
        write(target, require(files, mount.getSubPath(), volume));
      } else {
        mkdirs(target);
        files.forEach((path, content) -> write(target.resolve(path), content));
      }
      mountPaths.add(mount.getMountPath());
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container.getEnv()) {
      env.put(var.getName(), value(client, ns, podName, var));
    }
    List<String> args =
        (container.getArgs() == null ? List.<String>of() : container.getArgs())
            .stream().map(arg -> localPath(root, mountPaths, arg)).toList();
    return new LocalPod(root, List.copyOf(mountPaths), args, Map.copyOf(env));
  }

  /** The container's args, mounted paths moved under the root. */
  List<String> args() {
    return args;
  }

  /** The container's environment, resolved. */
  Map<String, String> env() {
    return env;
  }

  /**
   * A path as the container sees it, moved under the root when it lies in a mounted volume or holds
   * one (the parent of {@code /etc/sluice/contracts/<contract>} mounts); anything else unchanged.
   */
  String localPath(String containerPath) {
    return localPath(root, mountPaths, containerPath);
  }

  private static String localPath(Path root, List<String> mountPaths, String containerPath) {
    for (String mountPath : mountPaths) {
      if (containerPath.equals(mountPath)
          || containerPath.startsWith(mountPath + "/")
          || mountPath.startsWith(containerPath + "/")) {
        return under(root, containerPath).toString();
      }
    }
    return containerPath;
  }

  /** The files of a volume: path in the volume → content. */
  private static Map<String, byte[]> files(KubernetesClient client, String ns, Volume volume) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    if (volume.getConfigMap() != null) {
      String name = volume.getConfigMap().getName();
      ConfigMap cm = client.configMaps().inNamespace(ns).withName(name).get();
      if (cm == null) {
        throw new IllegalStateException("ConfigMap " + ns + "/" + name + " does not exist");
      }
      Map<String, byte[]> data = new LinkedHashMap<>();
      if (cm.getData() != null) {
        cm.getData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
      }
      if (cm.getBinaryData() != null) {
        cm.getBinaryData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
      }
      select(data, volume.getConfigMap().getItems(), "ConfigMap " + name, files);
    } else if (volume.getSecret() != null) {
      String name = volume.getSecret().getSecretName();
      Secret secret = client.secrets().inNamespace(ns).withName(name).get();
      if (secret == null) {
        throw new IllegalStateException("Secret " + ns + "/" + name + " does not exist");
      }
      Map<String, byte[]> data = new LinkedHashMap<>();
      if (secret.getData() != null) {
        secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
      }
      select(data, volume.getSecret().getItems(), "Secret " + name, files);
    } else if (volume.getEmptyDir() == null) {
      throw new IllegalStateException(
          "volume " + volume.getName() + " is neither a ConfigMap, a Secret nor an emptyDir");
    }
    return files;
  }

  /** Every key as a file of its name, or only the listed items at their paths. */
  private static void select(
      Map<String, byte[]> data, List<KeyToPath> items, String what, Map<String, byte[]> files) {
    if (items == null || items.isEmpty()) {
      files.putAll(data);
      return;
    }
    for (KeyToPath item : items) {
      byte[] content = data.get(item.getKey());
      if (content == null) {
        throw new IllegalStateException(what + " has no key " + item.getKey());
      }
      files.put(item.getPath(), content);
    }
  }

  private static String value(KubernetesClient client, String ns, String podName, EnvVar var) {
    if (var.getValueFrom() == null) {
      return var.getValue() == null ? "" : var.getValue();
    }
    var from = var.getValueFrom();
    if (from.getSecretKeyRef() != null) {
      String name = from.getSecretKeyRef().getName();
      Secret secret = client.secrets().inNamespace(ns).withName(name).get();
      String encoded =
          secret == null || secret.getData() == null
              ? null
              : secret.getData().get(from.getSecretKeyRef().getKey());
      if (encoded == null) {
        throw new IllegalStateException(
            "env "
                + var.getName()
                + ": Secret "
                + name
                + " has no key "
                + from.getSecretKeyRef().getKey());
      }
      return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }
    if (from.getConfigMapKeyRef() != null) {
      String name = from.getConfigMapKeyRef().getName();
      ConfigMap cm = client.configMaps().inNamespace(ns).withName(name).get();
      String value =
          cm == null || cm.getData() == null
              ? null
              : cm.getData().get(from.getConfigMapKeyRef().getKey());
      if (value == null) {
        throw new IllegalStateException(
            "env "
                + var.getName()
                + ": ConfigMap "
                + name
                + " has no key "
                + from.getConfigMapKeyRef().getKey());
      }
      return value;
    }
    if (from.getFieldRef() != null) {
      return switch (from.getFieldRef().getFieldPath()) {
        case "metadata.name" -> podName;
        case "metadata.namespace" -> ns;
        default ->
            throw new IllegalStateException(
                "env "
                    + var.getName()
                    + ": fieldRef "
                    + from.getFieldRef().getFieldPath()
                    + " is not laid out");
      };
    }
    throw new IllegalStateException("env " + var.getName() + ": this valueFrom is not laid out");
  }

  private static byte[] require(Map<String, byte[]> files, String path, Volume volume) {
    byte[] content = files.get(path);
    if (content == null) {
      throw new IllegalStateException("volume " + volume.getName() + " has no file " + path);
    }
    return content;
  }

  private static Path under(Path root, String absolute) {
    return root.resolve(absolute.replaceFirst("^/+", ""));
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
