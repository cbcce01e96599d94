// One stats sample as the docker CLI shows it. Pure: unit-tested with a captured sample.

import type { ContainerStats } from '../core/ports/engine';

interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** The parts of GET /containers/{id}/stats that matter here (cgroup v1 or v2). */
export interface RawStats {
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
}

export function toContainerStats(raw: RawStats): ContainerStats {
  const cpu = raw.cpu_stats ?? {};
  const pre = raw.precpu_stats ?? {};
  // Deltas against the engine's previous sample (precpu), as `docker stats` computes them.
  const cpuDelta = (cpu.cpu_usage?.total_usage ?? 0) - (pre.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu.system_cpu_usage ?? 0) - (pre.system_cpu_usage ?? 0);
  const cpus = cpu.online_cpus || cpu.cpu_usage?.percpu_usage?.length || 1;
  const memory = raw.memory_stats ?? {};
  const usage = memory.usage ?? 0;
  // Inactive page cache is reclaimable, so it is not counted (the docker CLI and the kubelet's
  // working set agree): cgroup v1 reports it as total_inactive_file, v2 as inactive_file.
  const stats = memory.stats ?? {};
  const inactive = stats.total_inactive_file ?? stats.inactive_file ?? 0;
  return {
    cpuPercent: systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0,
    memoryBytes: inactive < usage ? usage - inactive : usage,
    memoryLimitBytes: memory.limit ?? 0,
  };
}
