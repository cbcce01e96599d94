// Engine failures as one sentence that says what to do; the engine's own words go in detail.
// Pure: matches on the shape docker-modem gives its errors (statusCode, json.message, code).

import { FlotillaError, isFlotillaError } from '../core/model/errors';

interface EngineFailure {
  name?: string;
  statusCode?: number;
  code?: string;
  message?: string;
  json?: { message?: string } | null;
}

/** What the call was about, for the message. */
export interface Subject {
  image?: string;
  name?: string;
}

const CONNECTION_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOENT: 'no socket at that path',
  EACCES: 'permission denied on the socket',
  EPERM: 'permission denied on the socket',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
};

export function engineMessage(error: unknown): string {
  const e = error as EngineFailure | undefined;
  return (e?.json?.message ?? e?.message ?? String(error)).trim();
}

/** A failure to talk to the engine at all, as opposed to the engine answering with an error. */
export function isUnreachable(error: unknown): boolean {
  const e = error as EngineFailure | undefined;
  return e?.statusCode === undefined && typeof e?.code === 'string' && e.code in CONNECTION_CAUSES;
}

export function unreachable(endpoint: string, error: unknown): FlotillaError {
  const code = (error as EngineFailure | undefined)?.code;
  const cause = code && CONNECTION_CAUSES[code] ? `${CONNECTION_CAUSES[code]}, ${code}` : engineMessage(error);
  return new FlotillaError(
    'engine-unreachable',
    `Cannot reach the Docker engine at ${endpoint} (${cause}). Start Docker, or point DOCKER_HOST (or the flotilla.dockerHost setting) at a running engine.`,
    engineMessage(error),
  );
}

/** Host ip:port out of Docker's two wordings of a taken port (docker-proxy, or its own allocator). */
export function portInUse(message: string): string | undefined {
  if (!/port is already allocated|address already in use/i.test(message)) return undefined;
  const where = /Bind for (\S+?) failed/.exec(message) ?? /listen (?:tcp|udp)[46]? (\S+?): bind/.exec(message);
  return where?.[1] ?? 'a host port';
}

/** Translates a failed engine call into a FlotillaError. */
export function translate(endpoint: string, error: unknown, subject: Subject = {}): FlotillaError {
  if (isFlotillaError(error)) return error;
  const e = error as EngineFailure | undefined;
  if (e?.name === 'AbortError') return new FlotillaError('cancelled', 'Cancelled before the engine answered.', engineMessage(error));
  if (isUnreachable(error)) return unreachable(endpoint, error);
  const message = engineMessage(error);
  if (/No such image/i.test(message)) {
    const image = subject.image ?? /No such image: (\S+)/i.exec(message)?.[1] ?? 'the image';
    return new FlotillaError('image-missing', `Image "${image}" is not on the engine at ${endpoint}: build it (docker build -t ${image} …) or pull it first.`, message);
  }
  const port = portInUse(message);
  if (port) {
    return new FlotillaError('port-in-use', `Host port ${port} is already in use: stop what listens there, or choose another hostPort in the manifest.`, message);
  }
  if (e?.statusCode === 409 && /is already in use/i.test(message)) {
    const name = subject.name ?? /name "\/?([^"]+)"/.exec(message)?.[1] ?? 'the name';
    return new FlotillaError(
      'name-conflict',
      `The name "${name}" is already taken on the engine at ${endpoint} by a container of another project or one made by hand: remove or rename it, or choose another project name.`,
      message,
    );
  }
  return new FlotillaError('engine-error', `The Docker engine at ${endpoint} refused: ${message.replace(/^\(HTTP code \d+\) [^-]*- /, '')}`, message);
}
