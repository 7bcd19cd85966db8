package dev.sluice.operator.modeldeployment.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names of a ModelDeployment's objects. Services need DNS-1035 labels (at most 63 lower-case
 * letters, digits and hyphens, starting with a letter), and a model version may hold upper-case
 * letters, dots and underscores, so a version that is not already such a label gets a stable hashed
 * name. Pure.
 */
public final class ObjectNames {
  /** Longest ModelDeployment name: leaves room for the longest suffix and a hashed version. */
  public static final int MAX_DEPLOYMENT_NAME = 40;

  /** Suffix of the RollingUpdate Deployment, whose pod template changes version. */
  public static final String SERVER = "server";

  /** Suffix of the router's Deployment and ConfigMap. */
  public static final String ROUTER = "router";

  /** Suffix of the BlueGreen preview Service. */
  public static final String PREVIEW = "preview";

  /** Suffix of the batch job's CronJob and ConfigMap (mode Batch). */
  public static final String BATCH = "batch";

  private static final int MAX_NAME = 63;
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern VERSION_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Set<String> RESERVED = Set.of(SERVER, ROUTER, PREVIEW, BATCH);

  private ObjectNames() {}

  /**
   * Whether a ModelDeployment name can prefix all its objects' names.
   *
   * @param name metadata.name of the ModelDeployment
   * @return true for a DNS-1035 label of at most {@value #MAX_DEPLOYMENT_NAME} characters
   */
  public static boolean validDeploymentName(String name) {
    return name.length() <= MAX_DEPLOYMENT_NAME && DNS_LABEL.matcher(name).matches();
  }

  /**
   * The name of one version's model-server Deployment, ConfigMap and Service.
   *
   * @param deployment the ModelDeployment's name (see {@link #validDeploymentName})
   * @param version a model version
   * @return {@code <deployment>-<version>} when that is a DNS label of at most 63 characters that
   *     cannot collide with the router, preview or batch objects; otherwise {@code
   *     <deployment>-<cleaned version, cut>-<8 hex of sha256(version)>}
   */
  public static String forVersion(String deployment, String version) {
    String plain = deployment + "-" + version;
    if (VERSION_LABEL.matcher(version).matches()
        && !RESERVED.contains(version)
        && plain.length() <= MAX_NAME) {
      return plain;
    }
    String hash = sha256(version).substring(0, 8);
    String cleaned = version.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    String head = deployment + "-" + cleaned;
    head = head.substring(0, Math.min(head.length(), MAX_NAME - hash.length() - 1));
    head = head.replaceAll("-+$", "");
    return head + "-" + hash;
  }

  /**
   * The name of one of the deployment-wide objects.
   *
   * @param deployment the ModelDeployment's name
   * @param suffix {@link #SERVER}, {@link #ROUTER}, {@link #PREVIEW} or {@link #BATCH}
   * @return {@code <deployment>-<suffix>}
   */
  public static String of(String deployment, String suffix) {
    return deployment + "-" + suffix;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
