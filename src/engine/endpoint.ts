// Engine endpoints in DOCKER_HOST forms, turned into dockerode options.

import type Docker from 'dockerode';
import { existsSync } from 'node:fs';
import { homedir, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { FlotillaError } from '../core/model/errors';
import type { EngineLocation } from '../core/serving/traffic';

/** DOCKER_HOST, else the platform's socket (Docker Desktop's per-user one when the system one is absent). */
export function defaultEndpoint(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.DOCKER_HOST) return env.DOCKER_HOST;
  if (platform === 'win32') return 'npipe:////./pipe/docker_engine';
  const userSocket = join(homedir(), '.docker', 'run', 'docker.sock');
  return !existsSync('/var/run/docker.sock') && existsSync(userSocket) ? `unix://${userSocket}` : 'unix:///var/run/docker.sock';
}

function refused(endpoint: string): FlotillaError {
  return new FlotillaError(
    'refused',
    `Engine endpoint "${endpoint}" is not one Flotilla understands: use unix:///path, tcp://host:port, ssh://user@host or npipe:////./pipe/name.`,
  );
}

/**
 * dockerode options for an endpoint. docker-modem fills in defaults from DOCKER_HOST itself, and
 * a host it read there would win over a socket path given here: every key is set explicitly.
 */
export function dockerOptions(endpoint: string, env: NodeJS.ProcessEnv = process.env): Docker.DockerOptions {
  const unset = { host: undefined, port: undefined, socketPath: undefined, protocol: undefined, username: undefined } as const;
  if (endpoint.startsWith('unix://')) {
    const socketPath = endpoint.slice('unix://'.length);
    if (!socketPath.startsWith('/')) throw refused(endpoint);
    return { ...unset, socketPath };
  }
  if (endpoint.startsWith('npipe://')) {
    // npipe:////./pipe/docker_engine -> \\.\pipe\docker_engine
    const pipe = endpoint.slice('npipe://'.length).replace(/\//g, '\\');
    if (!pipe.startsWith('\\\\')) throw refused(endpoint);
    return { ...unset, socketPath: pipe };
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw refused(endpoint);
  }
  if (!url.hostname) throw refused(endpoint);
  switch (url.protocol) {
    case 'tcp:':
    case 'http:':
    case 'https:': {
      // As the docker CLI: TLS with DOCKER_TLS_VERIFY, on 2376, or when asked by scheme.
      const tls = url.protocol === 'https:' || env.DOCKER_TLS_VERIFY === '1' || url.port === '2376';
      return { ...unset, host: url.hostname, port: Number(url.port || (tls ? 2376 : 2375)), protocol: tls ? 'https' : 'http' };
    }
    case 'ssh:':
      return {
        ...unset,
        host: url.hostname,
        port: Number(url.port || 22),
        protocol: 'ssh',
        username: decodeURIComponent(url.username) || undefined,
        sshOptions: { agent: env.SSH_AUTH_SOCK },
      };
    default:
      throw refused(endpoint);
  }
}

/** How an endpoint reaches its engine, for the choice of backend addresses (core bridgeReachable). */
export function endpointTransport(endpoint: string): EngineLocation['transport'] {
  if (endpoint.startsWith('unix://')) return 'unix';
  if (endpoint.startsWith('npipe://')) return 'npipe';
  if (endpoint.startsWith('ssh://')) return 'ssh';
  return 'tcp';
}

/** This host's own addresses (every interface), to tell whether a container network's bridge is here. */
export function hostAddresses(): Set<string> {
  return new Set(Object.values(networkInterfaces()).flatMap((addresses) => (addresses ?? []).map((a) => a.address)));
}
