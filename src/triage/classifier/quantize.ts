/**
 * 8-bit quantisation of the weights, one scale per feature: the model file is four times
 * smaller and the scores move by well under 1%. Training applies it to the model in memory
 * too, so a model predicts exactly the same before and after a save and load.
 */

/** Per-feature scales and 8-bit values of feature-major weights (rows of `classCount`). */
export function quantize(weights: Float32Array, classCount: number): { scales: Float32Array; values: Int8Array } {
  const rows = weights.length / classCount;
  const scales = new Float32Array(rows);
  const values = new Int8Array(weights.length);
  for (let j = 0; j < rows; j++) {
    let max = 0;
    for (let k = 0; k < classCount; k++) max = Math.max(max, Math.abs(weights[j * classCount + k]));
    const scale = max / 127;
    scales[j] = scale;
    if (scale === 0) continue;
    for (let k = 0; k < classCount; k++) values[j * classCount + k] = Math.round(weights[j * classCount + k] / scale);
  }
  return { scales, values };
}

/** Rebuilds float weights from scales and 8-bit values. */
export function dequantize(scales: Float32Array, values: Int8Array, classCount: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let j = 0; j < scales.length; j++) {
    const scale = scales[j];
    for (let k = 0; k < classCount; k++) out[j * classCount + k] = values[j * classCount + k] * scale;
  }
  return out;
}

/** Replaces weights by their quantised values (what a saved model will hold). */
export function quantizeInPlace(weights: Float32Array, classCount: number): void {
  const { scales, values } = quantize(weights, classCount);
  weights.set(dequantize(scales, values, classCount));
}
