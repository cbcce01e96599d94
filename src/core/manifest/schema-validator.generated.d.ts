// Types for the generated standalone validator (scripts/gen-schema-validator.mjs).
import type { ErrorObject } from 'ajv';

declare function validateManifestSchema(value: unknown): boolean;
declare namespace validateManifestSchema {
  let errors: ErrorObject[] | null | undefined;
}
export default validateManifestSchema;
