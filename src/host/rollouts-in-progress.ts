// Which services of a project have a rollout in progress (another process runs it) or
// interrupted (its process is gone), from the shared revision file. `up` in the CLI and the
// editor leaves those services' pods to the deploy driver, which resumes the rollout from the
// pods' labels and the record; replacing them at once would undo a blue-green deploy half-way.

import { inProgressRevision, type RevisionRecord, type RevisionStore } from '../core/rollout/revisions';
import { FileRevisionStore } from './revision-store';

/** Throws when the revision file cannot be read; callers say so and go on without it. */
export async function rolloutsInProgress(project: string, services: string[], store: RevisionStore = new FileRevisionStore(project)): Promise<Map<string, RevisionRecord>> {
  const file = await store.read();
  const open = new Map<string, RevisionRecord>();
  for (const service of services) {
    const record = inProgressRevision(file, service);
    if (record) open.set(service, record);
  }
  return open;
}
