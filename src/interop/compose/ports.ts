// Compose `ports` (short "127.0.0.1:8080:80/tcp" and long {target, published, host_ip}) read
// into one shape, port ranges expanded.

export interface ComposePort {
  target: number;
  published?: number;
  hostIp?: string;
  protocol: 'tcp' | 'udp' | string;
}

export interface LongPort {
  target: number;
  published?: string | number;
  host_ip?: string;
  protocol?: string;
  mode?: string;
}

function range(text: string): [number, number] | undefined {
  const match = /^([0-9]+)(?:-([0-9]+))?$/.exec(text);
  if (!match) return undefined;
  const from = Number(match[1]);
  return [from, match[2] ? Number(match[2]) : from];
}

/** Returns the ports, or a sentence saying why the entry cannot be read. */
export function readPort(entry: string | number | LongPort): ComposePort[] | string {
  if (typeof entry === 'number') return [{ target: entry, protocol: 'tcp' }];
  if (typeof entry === 'object') {
    const published = entry.published === undefined || entry.published === '' ? undefined : range(String(entry.published));
    const port: ComposePort = { target: entry.target, protocol: entry.protocol ?? 'tcp' };
    if (published) port.published = published[0];
    if (entry.host_ip) port.hostIp = entry.host_ip;
    return [port];
  }
  const [address, protocol = 'tcp'] = entry.split('/') as [string, string?];
  const colon = address.lastIndexOf(':');
  const targetText = address.slice(colon + 1);
  const before = colon < 0 ? undefined : address.slice(0, colon);
  let publishedText: string | undefined = before;
  let hostIp: string | undefined;
  if (before !== undefined && before.includes(':')) {
    const split = before.lastIndexOf(':');
    hostIp = before.slice(0, split).replace(/^\[|\]$/g, '');
    publishedText = before.slice(split + 1);
  }
  const targets = range(targetText);
  const published = publishedText ? range(publishedText) : undefined;
  if (!targets || (publishedText && !published)) return `"${entry}" is not a port mapping`;
  const count = targets[1] - targets[0] + 1;
  const ports: ComposePort[] = [];
  for (let i = 0; i < count; i++) {
    const port: ComposePort = { target: targets[0] + i, protocol };
    if (published) port.published = published[0] + Math.min(i, published[1] - published[0]);
    if (hostIp) port.hostIp = hostIp;
    ports.push(port);
  }
  return ports;
}
