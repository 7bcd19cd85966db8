package dev.sluice.e2e;

/**
 * The namespace made for one test class by {@link ClusterExtension}, deleted after the class.
 *
 * @param name metadata.name of the namespace
 */
public record TestNamespace(String name) {}
