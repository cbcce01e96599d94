// Revisions: each deploy of a service records its expanded spec under the next number, so a
// rollback can redeploy it exactly. Pure: the history is a value; src/host/revision-store.ts
// keeps it in `<stateDir>/<project>.revisions.json`. Numbers never go back, even after `down`
// (the file outlives the containers), so a pod's flotilla.revision label is never reused.

import { FlotillaError } from '../model/errors';
import type { DesiredService } from '../model/state';

export type RevisionResult = 'in progress' | 'deployed' | `rolled back: ${string}` | `failed: ${string}` | `superseded: ${string}`;

export interface RevisionRecord {
  number: number;
  /** Milliseconds since the epoch: when the deploy started. */
  time: number;
  /** When the result was set (undefined while in progress). */
  finishedAt?: number;
  /** The expanded spec, as deployed. */
  spec: DesiredService;
  specHash: string;
  images: string[];
  result: RevisionResult;
  /** Set when this revision redeploys an earlier one. */
  rollbackOf?: number;
  /** Who runs the rollout while it is in progress (a process id), to refuse a second one. */
  owner?: string;
  /** Blue-green: when traffic moved to this revision's pods (a resumed rollout does not switch back). */
  switchedAt?: number;
  /** Set once the rollout failed and is being rolled back (a resumed rollout goes on rolling back). */
  rollingBack?: { reason: string };
  /** A rolling restart: pods of the same spec from earlier revisions are replaced too. */
  restart?: boolean;
}

export interface ServiceHistory {
  /** The next revision gets this number; only ever grows. */
  nextNumber: number;
  /** Oldest first, at most deploy.history records. */
  revisions: RevisionRecord[];
}

export interface RevisionsFile {
  version: 1;
  project: string;
  services: Record<string, ServiceHistory>;
}

/** Where the histories live; the node-side store implements it (read-modify-write under a lock). */
export interface RevisionStore {
  read(): Promise<RevisionsFile>;
  update(change: (file: RevisionsFile) => RevisionsFile): Promise<RevisionsFile>;
}

export const DEFAULT_HISTORY = 10;

export function emptyRevisions(project: string): RevisionsFile {
  return { version: 1, project, services: {} };
}

export function historyOf(file: RevisionsFile, service: string): ServiceHistory {
  return file.services[service] ?? { nextNumber: 1, revisions: [] };
}

/**
 * Adds an 'in progress' revision of the spec. `atLeast` lifts the number past revisions seen on
 * the engine (pods labelled by an older run or another machine's state file). The oldest
 * finished records beyond deploy.history are dropped; an unfinished one is never dropped.
 */
export function recordRevision(
  file: RevisionsFile,
  spec: DesiredService,
  now: number,
  options: { atLeast?: number; rollbackOf?: number; owner?: string; restart?: boolean } = {},
): { file: RevisionsFile; revision: RevisionRecord } {
  const history = historyOf(file, spec.name);
  const number = Math.max(history.nextNumber, options.atLeast ?? 0, ...history.revisions.map((r) => r.number + 1));
  const revision: RevisionRecord = {
    number,
    time: now,
    spec,
    specHash: spec.specHash,
    images: spec.containers.map((c) => c.image),
    result: 'in progress',
    rollbackOf: options.rollbackOf,
    owner: options.owner,
    ...(options.restart ? { restart: true } : {}),
  };
  const revisions = trim([...history.revisions, revision], Math.max(1, spec.deploy.history || DEFAULT_HISTORY));
  return { file: withHistory(file, spec.name, { nextNumber: number + 1, revisions }), revision };
}

/**
 * Remembers a spec that already runs (pods `up` started) as the service's deployed revision,
 * numbered at least `atLeast` (what its pods carry), so a later rollback or restart comes after
 * it and can return to it. Unchanged when the current revision already is that spec.
 */
export function rememberDeployed(file: RevisionsFile, spec: DesiredService, atLeast: number, now: number): RevisionsFile {
  if (currentRevision(file, spec.name)?.specHash === spec.specHash) return file;
  const { file: next, revision } = recordRevision(file, spec, now, { atLeast });
  return setResult(next, spec.name, revision.number, 'deployed', now);
}

export function setResult(file: RevisionsFile, service: string, number: number, result: RevisionResult, now: number): RevisionsFile {
  const history = historyOf(file, service);
  if (!history.revisions.some((r) => r.number === number)) return file;
  const revisions = history.revisions.map((r) => (r.number === number ? { ...r, result, finishedAt: result === 'in progress' ? undefined : now } : r));
  return withHistory(file, service, { ...history, revisions });
}

/** Changes fields of one record (owner, switchedAt, rollingBack). */
export function patchRevision(file: RevisionsFile, service: string, number: number, patch: Partial<Pick<RevisionRecord, 'owner' | 'switchedAt' | 'rollingBack'>>): RevisionsFile {
  const history = historyOf(file, service);
  return withHistory(file, service, { ...history, revisions: history.revisions.map((r) => (r.number === number ? { ...r, ...patch } : r)) });
}

export function findRevision(file: RevisionsFile, service: string, number: number): RevisionRecord | undefined {
  return historyOf(file, service).revisions.find((r) => r.number === number);
}

/** The revision now serving: the newest that finished as deployed. */
export function currentRevision(file: RevisionsFile, service: string): RevisionRecord | undefined {
  return historyOf(file, service)
    .revisions.filter((r) => r.result === 'deployed')
    .at(-1);
}

/** The newest revision still marked in progress (a deploy that was interrupted, or is running). */
export function inProgressRevision(file: RevisionsFile, service: string): RevisionRecord | undefined {
  return historyOf(file, service)
    .revisions.filter((r) => r.result === 'in progress')
    .at(-1);
}

/**
 * What a rollback may go to, newest first: deployed revisions whose spec differs from the
 * current one (going back to the spec that runs would change nothing). The editor's picker
 * offers these; the first is the default target.
 */
export function rollbackCandidates(file: RevisionsFile, service: string): RevisionRecord[] {
  const current = currentRevision(file, service);
  return historyOf(file, service)
    .revisions.filter((r) => r.result === 'deployed' && r.specHash !== current?.specHash)
    .reverse();
}

/** The revision `rollback SERVICE` goes to without --to: the deployed one before the current. */
export function previousRevision(file: RevisionsFile, service: string): RevisionRecord | undefined {
  return rollbackCandidates(file, service)[0];
}

/**
 * The one rule for a rollback's target, whoever runs it (CLI, editor, a supervisor's hand-over):
 * `to` names any kept revision; without it, previousRevision. Refuses, listing what is kept.
 */
export function rollbackTarget(file: RevisionsFile, service: string, to?: number): RevisionRecord {
  const target = to === undefined ? previousRevision(file, service) : findRevision(file, service, to);
  if (target) return target;
  const list =
    historyOf(file, service)
      .revisions.map((r) => `${r.number} (${r.result})`)
      .join(', ') || 'none';
  throw new FlotillaError(
    'refused',
    to === undefined ? `No earlier deployed revision of ${service} to roll back to (kept: ${list}).` : `Revision ${to} of ${service} is not kept (kept: ${list}).`,
  );
}

function trim(revisions: RevisionRecord[], keep: number): RevisionRecord[] {
  const result = [...revisions];
  while (result.length > keep) {
    const oldestFinished = result.findIndex((r) => r.result !== 'in progress');
    if (oldestFinished < 0) break;
    result.splice(oldestFinished, 1);
  }
  return result;
}

function withHistory(file: RevisionsFile, service: string, history: ServiceHistory): RevisionsFile {
  return { ...file, services: { ...file.services, [service]: history } };
}

/** Checks the shape of a parsed state file; `where` (the file's path) goes into the error. */
export function parseRevisionsFile(value: unknown, project: string, where: string): RevisionsFile {
  const fail = (what: string) => new FlotillaError('refused', `${where}: ${what}. Move the file aside to start a new history (deployed containers are not affected).`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('not a revisions file (expected a JSON object)');
  const file = value as Partial<RevisionsFile>;
  if (file.version !== 1) throw fail(`unknown version ${JSON.stringify(file.version)} (this Flotilla reads version 1)`);
  if (file.project !== project) throw fail(`it belongs to project ${JSON.stringify(file.project)}, not ${project}`);
  if (typeof file.services !== 'object' || file.services === null) throw fail('"services" is missing');
  for (const [name, history] of Object.entries(file.services)) {
    if (!Number.isInteger(history?.nextNumber) || !Array.isArray(history?.revisions)) throw fail(`services.${name} needs nextNumber and revisions`);
    history.revisions.forEach((r, i) => {
      if (!Number.isInteger(r?.number) || typeof r?.result !== 'string' || typeof r?.spec !== 'object' || r.spec === null) {
        throw fail(`services.${name}.revisions[${i}] needs number, result and spec`);
      }
    });
  }
  return file as RevisionsFile;
}
