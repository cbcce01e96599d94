// Errors a person reads. `message` is one sentence that says what happened and what to do;
// `code` lets callers (CLI exit codes, editor actions) tell the kinds apart.

export type FlotillaErrorCode =
  'engine-unreachable' | 'image-missing' | 'port-in-use' | 'name-conflict' | 'container-exited' | 'invalid-manifest' | 'refused' | 'timeout' | 'cancelled' | 'engine-error';

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

/**
 * By name and shape, not instanceof: dist/engine.js is a separate bundle with its own copy of
 * this class, and its errors must still be recognised by the CLI and the extension.
 */
export function isFlotillaError(error: unknown, code?: FlotillaErrorCode): error is FlotillaError {
  if (!(error instanceof Error) || error.name !== 'FlotillaError') return false;
  const actual = (error as { code?: unknown }).code;
  return typeof actual === 'string' && (code === undefined || actual === code);
}
