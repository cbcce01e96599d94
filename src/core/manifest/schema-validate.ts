// Schema validation with messages a person understands, placed on the exact key or value.
// The one schema (schemas/flotilla.schema.json) serves the CLI, the editor and the runtime.

import type { ErrorObject } from 'ajv';
import schema from '../../../schemas/flotilla.schema.json';
import type { Diagnostic } from '../model/diagnostics';
import { didYouMean } from './did-you-mean';
import { type ManifestSource, type PathSegment, rangeAt } from './source';
import { memoryHint } from '../model/units';
import validateManifestSchema from './schema-validator.generated';

export const manifestSchema: Record<string, unknown> = schema as Record<string, unknown>;

export function validateAgainstSchema(source: ManifestSource, value: unknown): Diagnostic[] {
  // Compiled ahead of time from the schema (scripts/gen-schema-validator.mjs), not at run time.
  if (validateManifestSchema(value)) return [];
  return explainErrors(validateManifestSchema.errors ?? []).map((error) => toDiagnostic(source, error));
}

interface Explained {
  path: PathSegment[];
  message: string;
  at: 'key' | 'value';
  code: string;
}

function pathOf(instancePath: string): PathSegment[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(0|[1-9][0-9]*)$/.test(part) ? Number(part) : part));
}

export function humanPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return 'the manifest';
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/**
 * Turns ajv's errors into one message per problem. anyOf/oneOf produce an error per branch;
 * those are folded into the branch that nearly matched, or into "expected A or B".
 */
function explainErrors(errors: ErrorObject[]): Explained[] {
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const consumed = new Set<ErrorObject>();
  const explained: Explained[] = [];
  // Outermost alternatives first, so nested ones are folded into their branch.
  for (const alt of alternatives.sort((a, b) => a.schemaPath.length - b.schemaPath.length)) {
    if (consumed.has(alt)) continue;
    consumed.add(alt);
    const branchErrors = errors.filter((e) => e !== alt && e.schemaPath.startsWith(`${alt.schemaPath}/`));
    branchErrors.forEach((e) => consumed.add(e));
    explained.push(...explainAlternative(alt, branchErrors));
  }
  // An enum says what the value must be; a type error at the same place says less.
  const enumPaths = new Set(errors.filter((e) => e.keyword === 'enum').map((e) => e.instancePath));
  for (const error of errors) {
    if (consumed.has(error) || (error.keyword === 'type' && enumPaths.has(error.instancePath))) continue;
    explained.push(explainOne(error));
  }
  const seen = new Set<string>();
  return explained.filter((e) => {
    const key = `${e.path.join('/')}|${e.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function explainAlternative(alt: ErrorObject, branchErrors: ErrorObject[]): Explained[] {
  const path = pathOf(alt.instancePath);
  const branches = (alt.schema as Record<string, unknown>[]) ?? [];
  const byBranch = branches.map((_, i) => branchErrors.filter((e) => e.schemaPath.startsWith(`${alt.schemaPath}/${i}/`)));
  const requiredKeys = branches.map((b) => (Array.isArray(b.required) && b.required.length === 1 ? String(b.required[0]) : undefined));
  if (requiredKeys.every((k) => k !== undefined)) {
    const keys = requiredKeys.map((k) => `"${k}"`).join(', ');
    const tooMany = alt.keyword === 'oneOf' && Array.isArray(alt.params.passingSchemas);
    return [{ path, at: 'value', code: 'schema/one-of', message: `${humanPath(path)} ${tooMany ? 'must use only one of' : 'needs one of'} ${keys}` }];
  }
  const wrongShape = (errs: ErrorObject[]) =>
    errs.some((e) => e.instancePath === alt.instancePath && (e.keyword === 'type' || e.keyword === 'pattern' || e.keyword === 'enum' || e.keyword === 'const'));
  const candidates = byBranch.filter((errs) => errs.length > 0 && !wrongShape(errs));
  if (candidates.length > 0) {
    // The branch with the fewest problems is the form the author meant.
    const best = candidates.reduce((a, b) => (b.length < a.length ? b : a));
    return explainErrors(best);
  }
  const expected = [...new Set(byBranch.flatMap((errs) => errs.filter((e) => e.instancePath === alt.instancePath).map(expectation)))];
  return [{ path, at: 'value', code: 'schema/type', message: `${humanPath(path)} must be ${expected.join(' or ')}${got(alt.data)}${hintFor(alt.data)}` }];
}

function expectation(error: ErrorObject): string {
  switch (error.keyword) {
    case 'type':
      return article(String(error.params.type));
    case 'pattern':
      return describePattern(String(error.params.pattern));
    case 'enum':
      return `one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return JSON.stringify(error.params.allowedValue);
    default:
      return error.message ?? 'valid';
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    integer: 'a whole number',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
    object: 'a mapping (key: value)',
    array: 'a list',
    null: 'empty',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ');
}

function describePattern(pattern: string): string {
  if (pattern.includes('(ms|s|m|h)')) return 'a duration like "10s", "500ms" or "2m"';
  if (pattern.includes('Mi')) return 'an amount of memory like "128Mi", "1Gi" or "512M"';
  if (pattern.includes('%')) return 'a percentage like "70%"';
  if (pattern.includes('m$')) return 'a number of CPUs like 0.5 or "500m"';
  if (pattern.includes('a-zA-Z0-9_.-')) return 'a name made of letters, digits, "_", "." and "-" that starts with a letter or digit';
  return `text matching ${pattern}`;
}

function got(data: unknown): string {
  if (data === null || data === undefined) return ', but it is empty';
  if (typeof data === 'object') return Array.isArray(data) ? ', not a list' : ', not a mapping';
  if (typeof data === 'number' && !Number.isFinite(data)) return ` (got ${data > 0 ? '' : '-'}infinity: the number is too large)`;
  const text = JSON.stringify(data);
  return ` (got ${text.length > 40 ? `${text.slice(0, 37)}...` : text})`;
}

function hintFor(data: unknown): string {
  const hint = typeof data === 'string' ? memoryHint(data) : undefined;
  return hint ? `: ${hint}` : '';
}

function explainOne(error: ErrorObject): Explained {
  const path = pathOf(error.instancePath);
  const where = humanPath(path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const known = Object.keys(((error.parentSchema as Record<string, unknown>)?.properties as object) ?? {});
      return { path: [...path, key], at: 'key', code: 'schema/unknown-key', message: `Unknown key "${key}" in ${where}${didYouMean(key, known)}` };
    }
    case 'required':
      return { path, at: 'key', code: 'schema/required', message: `${where} is missing "${String(error.params.missingProperty)}"` };
    case 'propertyNames':
      return {
        path: [...path, String(error.params.propertyName)],
        at: 'key',
        code: 'schema/name',
        message: `"${String(error.params.propertyName)}" is not a valid name in ${where}: use letters, digits, "_", "." and "-", starting with a letter or digit`,
      };
    case 'type':
    case 'pattern':
    case 'enum':
    case 'const': {
      const suggestion = error.keyword === 'enum' && typeof error.data === 'string' ? didYouMean(error.data, (error.params.allowedValues as unknown[]).map(String)) : '';
      return { path, at: 'value', code: `schema/${error.keyword}`, message: `${where} must be ${expectation(error)}${got(error.data)}${suggestion}${hintFor(error.data)}` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words: Record<string, string> = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' };
      return { path, at: 'value', code: 'schema/range', message: `${where} must be ${words[error.keyword]} ${String(error.params.limit)}${got(error.data)}` };
    }
    case 'minProperties':
      return { path, at: 'key', code: 'schema/empty', message: `${where} needs at least ${String(error.params.limit)} entr${error.params.limit === 1 ? 'y' : 'ies'}` };
    case 'minItems':
      return { path, at: 'value', code: 'schema/empty', message: `${where} needs at least ${String(error.params.limit)} item${error.params.limit === 1 ? '' : 's'}` };
    default:
      return { path, at: 'value', code: `schema/${error.keyword}`, message: `${where} ${error.message ?? 'is not valid'}` };
  }
}

function toDiagnostic(source: ManifestSource, e: Explained): Diagnostic {
  return { severity: 'error', message: e.message, range: rangeAt(source, e.path, e.at), path: e.path, code: e.code };
}
