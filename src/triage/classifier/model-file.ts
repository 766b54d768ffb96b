/**
 * The model file: versioned JSON with the typed arrays as base64 (little-endian). It holds the
 * labels, the feature configuration with each view's n-gram hashes and IDF weights, the
 * 8-bit weights with their per-feature scales, the calibration temperature, the out-of-scope
 * threshold, and the training record (rows, seed, time, cross-validated figures, warnings).
 */
import { z } from 'zod';
import { assembleVectorizer, type FittedView, type ViewSpec } from './features.js';
import type { TrainingInfo, TriageModel } from './model.js';
import { dequantize, quantize } from './quantize.js';

export const MODEL_FORMAT = 'frontline-triage-model';
export const MODEL_VERSION = 1;

/** Thrown when a model file is not one this version can read. */
export class ModelFormatError extends Error {}

const viewSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('word'), maxN: z.number().int().min(1), stem: z.boolean(), weight: z.number(), minDf: z.number().int(), skip: z.number().int().optional() }),
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
    info: file.training as unknown as TrainingInfo,
  };
}

type TypedArray = Int32Array | Float32Array | Int8Array;

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
