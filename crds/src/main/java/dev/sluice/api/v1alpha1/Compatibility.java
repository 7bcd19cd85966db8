package dev.sluice.api.v1alpha1;

/**
 * Schema compatibility modes, with the meaning schema registries give them. A {@code _TRANSITIVE}
 * mode checks a new version against every earlier accepted version, the plain mode only against the
 * last one.
 */
public enum Compatibility {
  NONE,
  BACKWARD,
  BACKWARD_TRANSITIVE,
  FORWARD,
  FORWARD_TRANSITIVE,
  FULL,
  FULL_TRANSITIVE
}
