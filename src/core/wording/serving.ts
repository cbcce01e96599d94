// Service ports in words: what a port serves, and why it closed.

/** `web: http://127.0.0.1:18080 -> 2 pods (web-1, web-2)` */
export function describeServing(service: string, url: string, pods: string[]): string {
  return `${service}: ${url} -> ${pods.length} pod${pods.length === 1 ? '' : 's'}${pods.length > 0 ? ` (${pods.join(', ')})` : ' (no ready pod: new connections are closed)'}`;
}

export function describePortClosed(service: string, url: string, reason: string): string {
  return `${service}: stopped serving ${url} (${reason})`;
}

/** The port could not be opened; the rest of the project is still supervised. */
export function describePortFailed(service: string, error: Error): string {
  return `${service}: not served (the rest of the project is still supervised): ${error.message}`;
}
