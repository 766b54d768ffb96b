/**
 * The model file: versioned JSON with the typed arrays as base64 (little-endian). It holds the
 * labels, the feature configuration with each view's n-gram hashes and IDF weights, the
 * 8-bit weights with their per-feature scales, the calibration (temperature and confidence
 * model), the out-of-scope threshold, the pairwise tie-breakers, and the training record (rows, seed, time, cross-validated figures, warnings).
 */
import { z } from 'zod';
import { assembleVectorizer, type FittedView, type ViewSpec } from './features.js';
import type { TrainingInfo, TriageModel } from './model.js';
import { indexPairs, type PairwiseModels } from './pairwise.js';
import { dequantize, dequantizeRagged, quantize, quantizeRagged } from './quantize.js';

export const MODEL_FORMAT = 'frontline-triage-model';
export const MODEL_VERSION = 1;

/** Thrown when a model file is not one this version can read. */
export class ModelFormatError extends Error {}

const viewSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('word'), maxN: z.number().int().min(1), stem: z.boolean(), weight: z.number(), minDf: z.number().int() }),
  z.object({ kind: z.literal('char'), minN: z.number().int().min(1), maxN: z.number().int().min(1), weight: z.number(), minDf: z.number().int(), maxChars: z.number().int().optional() }),
]);

const fileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.number().int(),
  labels: z.array(z.string()).min(2),
  oosLabel: z.string().nullable(),
  features: z.object({
    views: z.array(z.object({ spec: viewSpecSchema, columns: z.number().int().min(0), keys: z.string(), idf: z.string() })).min(1),
  }),
  weights: z.object({ layout: z.literal('feature-major'), quantization: z.literal('int8-per-feature'), scales: z.string(), values: z.string(), bias: z.string() }),
  calibration: z.object({
    temperature: z.number().positive(),
    confidence: z.object({ weights: z.tuple([z.number(), z.number()]), bias: z.number() }),
  }),
  outOfScope: z.object({ threshold: z.number().min(0).max(1), method: z.enum(['quantile', 'oos-balanced', 'default']) }),
  pairwise: z
    .object({
      gap: z.number(),
      weight: z.number(),
      pairs: z.string(),
      offsets: z.string(),
      columns: z.string(),
      scales: z.string(),
      values: z.string(),
      bias: z.string(),
    })
    .nullable(),
  training: z.record(z.string(), z.unknown()),
});

export type ModelFile = z.infer<typeof fileSchema>;

/** The model as a JSON string. */
export function serializeModel(model: TriageModel): string {
  const K = model.labels.length;
  const { scales, values } = quantize(model.weights, K);
  const file: ModelFile = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    labels: model.labels,
    oosLabel: model.oosClass >= 0 ? model.labels[model.oosClass] : null,
    features: {
      views: model.vectorizer.views.map((v) => ({ spec: v.spec, columns: v.keys.length, keys: toBase64(v.keys), idf: toBase64(v.idf) })),
    },
    weights: { layout: 'feature-major', quantization: 'int8-per-feature', scales: toBase64(scales), values: toBase64(values), bias: toBase64(model.bias) },
    calibration: { temperature: model.temperature, confidence: model.confidence },
    outOfScope: { threshold: model.threshold, method: model.info.thresholdMethod },
    pairwise: model.pairwise ? writePairwise(model.pairwise) : null,
    training: model.info as unknown as Record<string, unknown>,
  };
  return JSON.stringify(file);
}

/** Reads a model from its JSON string; throws ModelFormatError naming what is wrong. */
export function parseModel(json: string): TriageModel {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new ModelFormatError('The model file is not valid JSON');
  }
  if ((raw as { format?: unknown })?.format !== MODEL_FORMAT) throw new ModelFormatError(`Not a Frontline triage model (expected "format": "${MODEL_FORMAT}")`);
  const version = (raw as { version?: unknown }).version;
  if (version !== MODEL_VERSION) throw new ModelFormatError(`Model format version ${String(version)} is not supported (this build reads version ${MODEL_VERSION})`);
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelFormatError(`The model file is malformed at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const file = parsed.data;
  const K = file.labels.length;
  const views: FittedView[] = file.features.views.map((v) => {
    const keys = fromBase64(v.keys, Int32Array);
    const idf = fromBase64(v.idf, Float32Array);
    if (keys.length !== v.columns || idf.length !== v.columns) throw new ModelFormatError('The model file is malformed: a view has the wrong number of columns');
    return { spec: v.spec as ViewSpec, keys, idf };
  });
  const vectorizer = assembleVectorizer(views);
  const scales = fromBase64(file.weights.scales, Float32Array);
  const values = fromBase64(file.weights.values, Int8Array);
  const bias = fromBase64(file.weights.bias, Float32Array);
  if (scales.length !== vectorizer.columnCount || values.length !== vectorizer.columnCount * K || bias.length !== K) {
    throw new ModelFormatError('The model file is malformed: the weights do not match the features and labels');
  }
  return {
    labels: file.labels,
    oosClass: file.oosLabel === null ? -1 : file.labels.indexOf(file.oosLabel),
    vectorizer,
    weights: dequantize(scales, values, K),
    bias,
    temperature: file.calibration.temperature,
    confidence: file.calibration.confidence,
    threshold: file.outOfScope.threshold,
    pairwise: file.pairwise ? readPairwise(file.pairwise, K, vectorizer.columnCount) : null,
    info: file.training as unknown as TrainingInfo,
  };
}

function writePairwise(p: PairwiseModels): NonNullable<ModelFile['pairwise']> {
  const q = quantizeRagged(p.weights, p.offsets);
  return {
    gap: p.gap,
    weight: p.weight,
    pairs: toBase64(p.pairs),
    offsets: toBase64(p.offsets),
    columns: toBase64(encodeColumnDeltas(p.columns, p.offsets)),
    scales: toBase64(q.scales),
    values: toBase64(q.values),
    bias: toBase64(p.bias),
  };
}

function readPairwise(file: NonNullable<ModelFile['pairwise']>, classCount: number, columnCount: number): PairwiseModels {
  const pairs = fromBase64(file.pairs, Int32Array);
  const offsets = fromBase64(file.offsets, Int32Array);
  const scales = fromBase64(file.scales, Float32Array);
  const values = fromBase64(file.values, Int8Array);
  const bias = fromBase64(file.bias, Float32Array);
  const count = pairs.length / 2;
  const ordered = offsets.length === count + 1 && offsets[0] === 0 && offsets.every((o, i) => i === 0 || o >= offsets[i - 1]);
  const columns = ordered ? decodeColumnDeltas(fromBase64(file.columns, Uint8Array), offsets) : null;
  if (columns === null) throw new ModelFormatError('The model file is malformed: the pairwise tie-breakers do not match the features and labels');
  const consistent =
    pairs.length % 2 === 0 &&
    scales.length === count &&
    bias.length === count &&
    values.length === columns.length &&
    offsets[count] === columns.length &&
    pairs.every((k) => k >= 0 && k < classCount) &&
    columns.every((c) => c >= 0 && c < columnCount);
  if (!consistent) throw new ModelFormatError('The model file is malformed: the pairwise tie-breakers do not match the features and labels');
  return {
    gap: file.gap,
    weight: file.weight,
    index: indexPairs(pairs, classCount),
    pairs,
    offsets,
    columns,
    weights: dequantizeRagged(scales, values, offsets),
    bias,
    classCount,
  };
}

/**
 * Each pair's columns, sorted, as gaps from the previous column in LEB128 varints: most gaps
 * fit in one byte where a column number takes four.
 */
function encodeColumnDeltas(columns: Int32Array, offsets: Int32Array): Uint8Array {
  const bytes: number[] = [];
  for (let p = 0; p + 1 < offsets.length; p++) {
    let previous = -1;
    for (let i = offsets[p]; i < offsets[p + 1]; i++) {
      let gap = columns[i] - previous;
      previous = columns[i];
      while (gap >= 0x80) {
        bytes.push((gap & 0x7f) | 0x80);
        gap >>>= 7;
      }
      bytes.push(gap);
    }
  }
  return Uint8Array.from(bytes);
}

function decodeColumnDeltas(bytes: Uint8Array, offsets: Int32Array): Int32Array | null {
  const columns = new Int32Array(offsets[offsets.length - 1] ?? 0);
  let at = 0;
  for (let p = 0; p + 1 < offsets.length; p++) {
    let previous = -1;
    for (let i = offsets[p]; i < offsets[p + 1]; i++) {
      let gap = 0;
      for (let shift = 0; ; shift += 7) {
        if (at >= bytes.length || shift > 28) return null;
        const byte = bytes[at++];
        gap |= (byte & 0x7f) << shift;
        if (byte < 0x80) break;
      }
      previous += gap;
      columns[i] = previous;
    }
  }
  return at === bytes.length ? columns : null;
}

type TypedArray = Int32Array | Float32Array | Int8Array | Uint8Array;

function toBase64(array: TypedArray): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function fromBase64<T extends TypedArray>(text: string, type: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number }): T {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % type.BYTES_PER_ELEMENT !== 0) throw new ModelFormatError('The model file is malformed: an array has a partial element');
  // Copy into a fresh, aligned buffer: Buffer's pool offset may not suit 4-byte views.
  const aligned = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(aligned).set(bytes);
  return new type(aligned);
}
