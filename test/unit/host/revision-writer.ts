// Child process for the revision store test: records COUNT revisions of a service, one update each.
import { recordRevision, setResult } from '../../../src/core/rollout/revisions';
import type { DesiredService } from '../../../src/core/model/state';
import { FileRevisionStore } from '../../../src/host/revision-store';

const [dir, project, serviceName, count] = process.argv.slice(2) as [string, string, string, string];
const spec = JSON.parse(process.env.FLOTILLA_TEST_SPEC as string) as DesiredService;
const store = new FileRevisionStore(project, dir);
async function main(): Promise<void> {
  for (let i = 0; i < Number(count); i++) {
    await store.update((file) => {
      const { file: next, revision } = recordRevision(file, { ...spec, name: serviceName }, Date.now());
      return setResult(next, serviceName, revision.number, 'deployed', Date.now());
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
