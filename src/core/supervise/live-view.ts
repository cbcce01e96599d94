// What a running supervisor knows beyond the engine's own state: probe health per container,
// restarts and backoff per pod, and a short list of transitions. Built from supervisor notes
// (pure), so the CLI can publish it for `flotilla status` and the editor can show the same.

import type { Clock } from '../ports/clock';
import type { SupervisorNote } from './supervisor';
import type { ContainerHealth } from '../model/state';
import { describeEvent, describeHealthChange, describeNote } from '../wording';

export interface LiveContainer {
  service: string;
  pod: string;
  container: string;
  health: ContainerHealth;
}

export interface LivePod {
  /** Heals this supervisor carried out (replacements and restarts). */
  restarts: number;
  /** While a restart is held back: when it is due (ms since the epoch) and the crash it answers. */
  restartAt?: number;
  crash?: number;
}

export interface LiveTransition {
  at: number;
  text: string;
}

export interface LiveSnapshot {
  project: string;
  /** The supervising process. */
  pid: number;
  updatedAt: number;
  engine: 'connected' | 'disconnected';
  containers: Record<string, LiveContainer>;
  pods: Record<string, LivePod>;
  /** Newest last, at most TRANSITIONS_KEPT. */
  transitions: LiveTransition[];
  /** Service ports this supervisor serves, by service: the URL and the pods getting new connections. */
  serving?: Record<string, LiveServing>;
}

export interface LiveServing {
  url: string;
  pods: string[];
}

export const TRANSITIONS_KEPT = 50;

export class LiveView {
  private readonly state: LiveSnapshot;

  constructor(
    project: string,
    pid: number,
    private readonly clock: Clock,
  ) {
    this.state = { project, pid, updatedAt: clock.now(), engine: 'connected', containers: {}, pods: {}, transitions: [] };
  }

  /** Folds one note in; returns the transitions it caused (empty when nothing worth telling changed). */
  apply(note: SupervisorNote): string[] {
    const now = this.clock.now();
    const told: string[] = [];
    const tell = (text: string | undefined) => text !== undefined && told.push(text);
    const words = describeNote(note)?.text;
    switch (note.kind) {
      case 'health': {
        const previous = this.state.containers[note.containerId]?.health;
        this.state.containers[note.containerId] = { service: note.service, pod: note.pod, container: note.container, health: note.health };
        if (previous && previous.status !== note.health.status) tell(describeHealthChange(note.pod, note.container, previous, note.health));
        break;
      }
      case 'event': {
        const { event } = note;
        if (event.action === 'die' || event.action === 'oom') tell(describeEvent(event));
        if (event.action === 'destroy') delete this.state.containers[event.containerId];
        break;
      }
      case 'heal-delayed': {
        const pod = this.pod(note.pod);
        const crash = note.crashes + 1;
        if (pod.crash !== crash) tell(words);
        Object.assign(pod, { restartAt: now + note.inMs, crash });
        break;
      }
      case 'progress': {
        const { event } = note;
        if (event.type === 'done' && event.step.heal && (event.step.action.kind === 'create-pod' || event.step.action.kind === 'start-containers')) {
          const pod = this.pod(event.step.action.pod);
          pod.restarts++;
          delete pod.restartAt;
          delete pod.crash;
        }
        if (event.type === 'done' && event.step.action.kind === 'remove-pod' && !event.step.heal) delete this.state.pods[event.step.action.pod];
        if (event.type !== 'begin') tell(words);
        break;
      }
      case 'stream':
        this.state.engine = note.status.state;
        tell(words);
        break;
      case 'serving':
        (this.state.serving ??= {})[note.service] = { url: note.url, pods: note.pods };
        tell(words);
        break;
      case 'port-closed':
        delete this.state.serving?.[note.service];
        tell(words);
        break;
      case 'pass-failed':
      case 'port-failed':
      case 'deploy-outcome':
      case 'deploy-error':
        tell(words);
        break;
    }
    for (const text of told) this.state.transitions.push({ at: now, text });
    this.state.transitions.splice(0, Math.max(0, this.state.transitions.length - TRANSITIONS_KEPT));
    this.state.updatedAt = now;
    return told;
  }

  snapshot(): LiveSnapshot {
    return structuredClone(this.state);
  }

  private pod(name: string): LivePod {
    return (this.state.pods[name] ??= { restarts: 0 });
  }
}
