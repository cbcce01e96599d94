// LiveServiceState (src/vscode/contract.ts) for the manifest language features: "2/2 healthy" for a
// service of a manifest, from the same store and view model as the Services view.

import type { FlotillaStore } from '../../core/status/store';
import type { LiveServiceState } from '../contract';
import type { ManifestEntry } from './model';
import { serviceSummary } from './model';

export function createLiveServiceState(
  store: FlotillaStore,
  manifests: () => readonly ManifestEntry[],
  onManifestsChanged: (listener: () => void) => { dispose(): void },
): LiveServiceState {
  return {
    describe(manifestPath, service) {
      const desired = manifests().find((m) => m.path === manifestPath)?.desired;
      const spec = desired?.services.find((s) => s.name === service);
      const snapshot = desired && store.project(desired.project);
      if (!spec || !snapshot?.observed) return undefined;
      const pods = snapshot.observed.pods.filter((p) => p.service === service);
      if (pods.length === 0) return undefined;
      return serviceSummary(spec, pods, snapshot.health).text;
    },
    onDidChange(listener) {
      const a = store.onDidChange(() => listener());
      const b = onManifestsChanged(listener);
      return { dispose: () => (a.dispose(), b.dispose()) };
    },
  };
}
