// Why a service port could not be opened, as a sentence that says what to change (the port, the
// address) and a FlotillaError code the callers act on ('port-in-use' leaves the port to its owner).

import { FlotillaError } from '../core/model/errors';

export function listenError(options: { name: string; host: string; port: number }, error: NodeJS.ErrnoException): FlotillaError {
  const where = `${options.host}:${options.port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new FlotillaError(
        'port-in-use',
        `Cannot serve ${options.name} on ${where}: the port is already in use by another program. Stop it or choose another expose.hostPort.`,
        error.message,
      );
    case 'EACCES':
    case 'EPERM':
      return new FlotillaError(
        'refused',
        `Cannot serve ${options.name} on ${where}: this user is not permitted to listen there (ports below 1024 need privileges). Choose another expose.hostPort.`,
        error.message,
      );
    case 'EADDRNOTAVAIL':
      return new FlotillaError(
        'refused',
        `Cannot serve ${options.name} on ${where}: no network interface of this machine has the address ${options.host}. Fix expose.hostIp.`,
        error.message,
      );
    default:
      return new FlotillaError('engine-error', `Cannot serve ${options.name} on ${where}: ${error.message}.`, error.stack);
  }
}
