// The "Rollouts" child of a service in the Services view: its kept revisions, newest first,
// with number, time, images and result, from the revision file the CLI and the supervisors
// share. Pure (no vscode import), like model.ts.

import { currentRevision, historyOf, type RevisionRecord, type RevisionsFile } from '../../core/rollout/revisions';
import type { FlotillaTarget } from '../contract';
import { escapeMarkdown, type ViewNode } from './model';

/** "2026-11-26 09:12" in UTC, as `flotilla history` prints times. */
export function revisionTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

export function rolloutsNodes(service: FlotillaTarget, file: RevisionsFile | undefined): ViewNode[] {
  const revisions = file ? [...historyOf(file, service.service).revisions].reverse() : [];
  if (revisions.length === 0) return [];
  const current = file ? currentRevision(file, service.service) : undefined;
  const open = revisions.find((r) => r.result === 'in progress');
  return [
    {
      id: `rollouts:${service.project}/${service.service}`,
      kind: 'rollouts',
      label: 'Rollouts',
      description: open ? `revision ${open.number} in progress` : current ? `revision ${current.number} current` : `${revisions.length} kept`,
      contextValue: 'flotilla.rollouts',
      icon: { id: 'history' },
      collapsed: true,
      target: service,
      children: revisions.map((r) => revisionNode(service, r, r.number === current?.number)),
    },
  ];
}

function revisionNode(service: FlotillaTarget, r: RevisionRecord, isCurrent: boolean): ViewNode {
  const icon =
    r.result === 'deployed'
      ? { id: isCurrent ? 'pass-filled' : 'pass', color: isCurrent ? 'testing.iconPassed' : undefined }
      : r.result === 'in progress'
        ? { id: 'sync~spin' }
        : { id: 'error', color: 'errorForeground' };
  const result = `${r.result}${r.rollbackOf === undefined ? '' : ` (rollback to ${r.rollbackOf})`}${isCurrent ? ' (current)' : ''}`;
  return {
    id: `revision:${service.project}/${service.service}/${r.number}`,
    kind: 'revision',
    label: `Revision ${r.number}`,
    description: `${revisionTime(r.time)} · ${r.images.join(', ')} · ${result}`,
    contextValue: `flotilla.revision${isCurrent ? ' current' : ''}`,
    icon,
    tooltip: `**Revision ${r.number}** of ${escapeMarkdown(service.service)}\n\nStarted ${revisionTime(r.time)} UTC${r.finishedAt === undefined ? '' : `, finished ${revisionTime(r.finishedAt)} UTC`}\n\nImages: ${escapeMarkdown(r.images.join(', '))}\n\nResult: ${escapeMarkdown(result)}`,
    target: service,
    children: [],
  };
}
