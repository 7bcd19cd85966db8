package dev.sluice.api.v1alpha1;

/** File formats of a lookup table. */
public enum TableFormat {
  csv,
  json
}
