package dev.sluice.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an e2e test class: it runs against the {@link Cluster} of the JVM, in a namespace of its
 * own; its methods may take {@link Cluster}, {@link TestNamespace}, {@link Kubectl} and {@code
 * KubernetesClient} parameters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ClusterExtension.class)
public @interface SluiceE2E {}
