package dev.sluice.runtime.model.router;

/** Which side of a release answered or was mirrored to; the {@code variant} metrics tag. */
enum Variant {
  stable,
  candidate,
  shadow
}
