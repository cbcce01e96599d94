// Errors a person reads. `message` is one sentence that says what happened and what to do;
// `code` lets callers (CLI exit codes, editor actions) tell the kinds apart.

export type FlotillaErrorCode =
  | 'engine-unreachable'
  | 'image-missing'
  | 'port-in-use'
  | 'name-conflict'
  | 'container-exited'
  | 'invalid-manifest'
  | 'refused'
  | 'timeout'
  | 'cancelled'
  | 'engine-error';

export class FlotillaError extends Error {
  constructor(
    readonly code: FlotillaErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'FlotillaError';
  }
}

export function isFlotillaError(error: unknown, code?: FlotillaErrorCode): error is FlotillaError {
  return error instanceof FlotillaError && (code === undefined || error.code === code);
}
