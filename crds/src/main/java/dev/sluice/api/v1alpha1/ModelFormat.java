package dev.sluice.api.v1alpha1;

/** Model file formats the model server loads. */
public enum ModelFormat {
  onnx
}
