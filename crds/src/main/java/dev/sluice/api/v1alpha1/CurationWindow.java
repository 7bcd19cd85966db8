package dev.sluice.api.v1alpha1;

/** Length of the window a curation run covers. */
public enum CurationWindow {
  Hour,
  Day
}
