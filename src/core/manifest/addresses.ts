// Host addresses as the manifest writes them (hostIp): which are addresses at all, which keep a
// port on this machine (loopback), and which listen on every address (wildcards). Pure: core may
// not use node:net, and the manifest must be judged the same way wherever it is read.

export interface HostAddress {
  family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: number[];
}

export function parseHostAddress(text: string): HostAddress | undefined {
  const v4 = parseIPv4(text);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = parseIPv6(text);
  return v6 ? { family: 6, bytes: v6 } : undefined;
}

/** 127.0.0.0/8, ::1, and IPv4-mapped loopback (::ffff:127.x.x.x): reachable from this machine only. */
export function isLoopback(address: HostAddress): boolean {
  if (address.family === 4) return address.bytes[0] === 127;
  const mapped = mappedIPv4(address.bytes);
  if (mapped) return mapped[0] === 127;
  return address.bytes.slice(0, 15).every((b) => b === 0) && address.bytes[15] === 1;
}

/** 0.0.0.0, :: (and ::ffff:0.0.0.0): every address of the machine, so it overlaps any other binding. */
export function isWildcard(address: HostAddress): boolean {
  if (address.family === 6 && mappedIPv4(address.bytes)) return (mappedIPv4(address.bytes) as number[]).every((b) => b === 0);
  return address.bytes.every((b) => b === 0);
}

function mappedIPv4(bytes: number[]): number[] | undefined {
  const prefix = bytes.slice(0, 12);
  return prefix.slice(0, 10).every((b) => b === 0) && prefix[10] === 0xff && prefix[11] === 0xff ? bytes.slice(12) : undefined;
}

function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = parts.map((part) => (/^(0|[1-9][0-9]{0,2})$/.test(part) ? Number(part) : NaN));
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

function parseIPv6(text: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return undefined;
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const groups = (side: string | undefined, last: boolean): number[] | undefined => {
    if (side === undefined || side === '') return [];
    const out: number[] = [];
    const pieces = side.split(':');
    for (const [i, piece] of pieces.entries()) {
      // An embedded IPv4 address may end the text (::ffff:127.0.0.1).
      if (last && i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIPv4(piece);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const front = groups(head, tail === undefined);
  const back = groups(tail, true);
  if (!front || !back) return undefined;
  const missing = 8 - front.length - back.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const all = [...front, ...new Array<number>(tail === undefined ? 0 : missing).fill(0), ...back];
  return all.flatMap((group) => [group >> 8, group & 0xff]);
}
