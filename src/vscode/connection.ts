// The window's engine connection, made on first use (dockerode loads then, not at activation)
// and checked with a ping. Its reachability goes into the store, which the views show as message
// nodes: a failure here is never a popup.

import { FlotillaError, isFlotillaError } from '../core/model/errors';
import type { FlotillaStore } from '../core/status/store';
import type { DockerEngine } from '../engine/index';
import { loadEngineModule } from '../engine-loader';

export type Engine = DockerEngine;

export class EngineConnection {
  private engine: Promise<Engine> | undefined;
  /** Bumped on every reconnect, so work started on an old connection can tell. */
  generation = 0;

  constructor(
    private readonly store: FlotillaStore,
    /** The dockerHost setting in effect (empty when untrusted or unset). */
    private readonly endpointSetting: () => string,
  ) {}

  /** The connected engine; rejects with a FlotillaError (engine-unreachable) when it does not answer. */
  get(): Promise<Engine> {
    this.engine ??= this.connect();
    return this.engine;
  }

  /** Drops the connection; the next get() connects again (a new setting, or Retry). */
  reset(): void {
    this.engine = undefined;
    this.generation++;
  }

  /** Called by users of the engine when a call fails: an unreachable engine is shown, then retried on demand. */
  noteFailure(error: unknown): void {
    if (isFlotillaError(error, 'engine-unreachable')) {
      this.store.setEngineStatus({ state: 'unreachable', endpoint: this.describeEndpoint(), message: error.message });
      this.engine = undefined;
    }
  }

  describeEndpoint(): string {
    return this.endpointSetting() || process.env.DOCKER_HOST || 'the default Docker socket';
  }

  private async connect(): Promise<Engine> {
    const generation = this.generation;
    try {
      const { createDockerEngine } = await loadEngineModule();
      const engine = createDockerEngine({ endpoint: this.endpointSetting() || undefined });
      await engine.ping();
      if (generation === this.generation) this.store.setEngineStatus({ state: 'reachable', endpoint: engine.endpoint });
      return engine;
    } catch (error) {
      const failure = isFlotillaError(error) ? error : new FlotillaError('engine-unreachable', `Cannot reach the Docker engine: ${(error as Error).message}`);
      if (generation === this.generation) {
        this.store.setEngineStatus({ state: 'unreachable', endpoint: this.describeEndpoint(), message: failure.message });
        this.engine = undefined;
      }
      throw failure;
    }
  }
}
