// The shape of one command: its id (from contract.ts) and what it does. Arguments come from a
// tree node or CodeLens (a FlotillaTarget) or are asked for with a quick pick.

import type { FlotillaTarget } from '../contract';
import type { Ctx } from '../ctx';

export interface FlotillaCommand {
  id: string;
  /** rest: further arguments of executeCommand, for commands that take an answer without asking (Scale Service's count). */
  run(ctx: Ctx, target?: FlotillaTarget, ...rest: unknown[]): Promise<void> | void;
}

/** Tree nodes pass their ViewNode; CodeLens and other callers pass the target itself. */
export function asTarget(arg: unknown): FlotillaTarget | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const candidate = 'target' in arg ? (arg as { target?: unknown }).target : arg;
  if (!candidate || typeof candidate !== 'object') return undefined;
  const t = candidate as Partial<FlotillaTarget>;
  return typeof t.kind === 'string' && typeof t.manifestPath === 'string' && typeof t.project === 'string' && typeof t.service === 'string' ? (t as FlotillaTarget) : undefined;
}
