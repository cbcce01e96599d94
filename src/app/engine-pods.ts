// The project's pods as the engine lists them, kept fresh from its events: the PodSource of a
// process that has no store (the CLI). Events are hints: each burst triggers one re-list.

import type { Clock } from '../core/ports/clock';
import type { EngineEvents, EnginePort } from '../core/ports/engine';
import type { ObservedPod } from '../core/model/state';
import type { PodSource } from './log-session';

/** Container events after which the listing may show a new or restarted container. */
const LISTING_CHANGES = new Set(['create', 'start', 'die', 'destroy']);
export const RELIST_DEBOUNCE_MS = 200;

export class EnginePods implements PodSource {
  private listed: readonly ObservedPod[] = [];
  private readonly listeners = new Set<() => void>();
  private pending = false;

  private constructor(
    private readonly engine: EnginePort & EngineEvents,
    private readonly project: string,
    private readonly clock: Clock,
    private readonly signal: AbortSignal,
  ) {}

  /** Lists once, then follows the project's events until the signal ends. */
  static async open(engine: EnginePort & EngineEvents, project: string, clock: Clock, signal: AbortSignal): Promise<EnginePods> {
    const pods = new EnginePods(engine, project, clock, signal);
    pods.listed = (await engine.listProject(project, signal)).pods;
    engine.watchEvents(
      project,
      (event) => LISTING_CHANGES.has(event.action) && pods.relistSoon(),
      () => undefined,
      signal,
    );
    return pods;
  }

  pods(): readonly ObservedPod[] {
    return this.listed;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private async relistSoon(): Promise<void> {
    if (this.pending) return;
    this.pending = true;
    try {
      await this.clock.sleep(RELIST_DEBOUNCE_MS, this.signal);
      this.pending = false;
      this.listed = (await this.engine.listProject(this.project, this.signal)).pods;
      for (const listener of [...this.listeners]) listener();
    } catch {
      // Stopped, or the engine did not answer: the next event lists again.
      this.pending = false;
    }
  }
}
