package dev.sluice.runtime.model.train;

/**
 * Per-column mean and standard deviation of training data; SGD trains well only on features of
 * similar scale. The exported graph applies the same scaling, so clients send raw values.
 */
record Standardisation(float[] mean, float[] std) {

  static Standardisation of(float[][] x) {
    int k = x[0].length;
    double[] sum = new double[k];
    double[] sq = new double[k];
    for (float[] row : x) {
      for (int j = 0; j < k; j++) {
        sum[j] += row[j];
        sq[j] += (double) row[j] * row[j];
      }
    }
    float[] mean = new float[k];
    float[] std = new float[k];
    for (int j = 0; j < k; j++) {
      double m = sum[j] / x.length;
      double variance = Math.max(0, sq[j] / x.length - m * m);
      mean[j] = (float) m;
      // A constant column would divide by zero; scale it by 1 (it then carries no signal).
      std[j] = variance > 0 ? (float) Math.sqrt(variance) : 1f;
    }
    return new Standardisation(mean, std);
  }

  /** The scaled row, as Tribuo examples take it. */
  double[] apply(float[] row) {
    double[] out = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      out[j] = ((double) row[j] - mean[j]) / std[j];
    }
    return out;
  }
}
