import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import geoJsonSchema from './schema/GeoJSON-schema.json' with { type: 'json' };
import ninjsSchema from './schema/ninjs-schema_3.1.json' with { type: 'json' };

/**
 * The IPTC ninjs 3.1 JSON Schema (draft 2020-12), compiled once with ajv's
 * 2020 class and ajv-formats. The schema files are IPTC's, unchanged (a test
 * compares them with ../shared/standards/ninjs/); GeoJSON is registered
 * first because ninjs refers to it by URL and nothing is fetched at run time.
 */

let validator: ValidateFunction | null = null;

function compiled(): ValidateFunction {
  if (validator === null) {
    // strict: false — IPTC's schema uses `required` inside oneOf branches without
    // repeating the properties there, which ajv's strict mode reports; the schema
    // is still checked against the 2020-12 meta-schema.
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema(geoJsonSchema);
    validator = ajv.compile(ninjsSchema);
  }
  return validator;
}

export interface SchemaProblem {
  path: string;
  message: string;
}

export type NinjsValidation = { ok: true } | { ok: false; problems: SchemaProblem[] };

/** Checks a value against ninjs 3.1. Problems are listed in the validator's order. */
export function validateNinjs(value: unknown): NinjsValidation {
  const validate = compiled();
  if (validate(value)) return { ok: true };
  return { ok: false, problems: (validate.errors ?? []).map(describe) };
}

function describe(error: ErrorObject): SchemaProblem {
  const path = error.instancePath === '' ? '(root)' : error.instancePath;
  const extra =
    error.keyword === 'unevaluatedProperties' || error.keyword === 'additionalProperties'
      ? ` (${String((error.params as Record<string, unknown>).unevaluatedProperty ?? (error.params as Record<string, unknown>).additionalProperty)})`
      : '';
  return { path, message: `${error.message ?? 'is invalid'}${extra}` };
}
