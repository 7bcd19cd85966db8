package dev.sluice.runtime.model.router;

/** The outcome of comparing a shadow answer with the stable one. */
enum ShadowComparison {
  agree,
  disagree,
  error
}
