// Engine failures as one sentence that says what to do; the engine's own words go in detail.

import { FlotillaError, isFlotillaError } from '../core/errors';

interface EngineFailure {
  statusCode?: number;
  code?: string;
  message?: string;
  json?: { message?: string } | null;
  reason?: string;
}

function engineMessage(error: EngineFailure): string {
  return error.json?.message ?? error.message ?? String(error);
}

export function isUnreachable(error: unknown): boolean {
  const code = (error as EngineFailure)?.code;
  return code === 'ECONNREFUSED' || code === 'ENOENT' || code === 'EACCES' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ECONNRESET';
}

export function unreachable(endpoint: string, error: unknown): FlotillaError {
  const e = error as EngineFailure;
  return new FlotillaError(
    'engine-unreachable',
    `Cannot reach the Docker engine at ${endpoint} (${e.code ?? engineMessage(e)}). Start Docker, or point DOCKER_HOST (or the flotilla.docker.endpoint setting) at a running engine.`,
    engineMessage(e),
  );
}

/** Translates a failed engine call; `subject` says what was being done, for the message. */
export function translate(endpoint: string, error: unknown, subject: { image?: string; name?: string } = {}): Error {
  if (isFlotillaError(error)) return error;
  if (isUnreachable(error)) return unreachable(endpoint, error);
  const e = error as EngineFailure;
  const message = engineMessage(e);
  if (subject.image && (e.statusCode === 404 || /No such image/i.test(message))) {
    return new FlotillaError('image-missing', `Image "${subject.image}" is not on the engine at ${endpoint}: build it (docker build -t ${subject.image} ...) or pull it first.`, message);
  }
  const port = /(?:Bind for |listen tcp4? |listen udp4? )([0-9.:\][a-f]+:\d+)(?:.*)?(?:failed: port is already allocated|address already in use)/.exec(message);
  if (port || /port is already allocated|address already in use/.test(message)) {
    const where = port?.[1] ?? 'a host port';
    return new FlotillaError('port-in-use', `Host port ${where} is already in use: stop what listens there, or choose another hostPort in the manifest.`, message);
  }
  if (e.statusCode === 409 && subject.name && /already in use|Conflict/i.test(message)) {
    return new FlotillaError('name-conflict', `The name "${subject.name}" is taken on the engine by a container Flotilla did not create for this project: remove or rename it, or choose another project name.`, message);
  }
  return new FlotillaError('engine-error', `The Docker engine refused: ${message}`, message);
}
