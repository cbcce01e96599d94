// Runs health probes for the core's ProbeScheduler. http and tcp connect to the port the pod
// publishes on the host (127.0.0.1 by default, which works with Docker Desktop too); exec runs
// the command through the engine's exec API. Every probe honours its signal (aborted at the
// timeout), so the scheduler keeps one probe in flight per container.

import type Docker from 'dockerode';
import * as http from 'node:http';
import * as net from 'node:net';
import { Writable } from 'node:stream';
import { PROBE_OUTPUT_LIMIT } from '../core/health/health';
import type { ProbeResult, ProbeTarget } from '../core/ports/engine';
import { engineMessage } from './errors';

/**
 * Docker's userland proxy accepts a connection on a published port and closes it at once when
 * nothing listens in the container: a tcp probe holds the connection this long to tell the two apart.
 */
export const TCP_HOLD_MS = 100;

export function runProbe(docker: Docker, target: ProbeTarget, signal: AbortSignal): Promise<ProbeResult> {
  switch (target.kind) {
    case 'http':
      return httpProbe(target, signal);
    case 'tcp':
      return tcpProbe(target, signal);
    case 'exec':
      return execProbe(docker, target, signal);
  }
}

const elapsed = (began: bigint) => Number(process.hrtime.bigint() - began) / 1e6;

function errorText(error: Error & { code?: string }): string {
  if (error.code === 'ECONNREFUSED') return 'connection refused';
  if (error.code === 'ECONNRESET' || error.message === 'socket hang up') return 'connection closed without an answer (nothing listening in the container?)';
  return error.code ? `${error.code}: ${error.message}` : error.message;
}

export function httpProbe(target: Extract<ProbeTarget, { kind: 'http' }>, signal: AbortSignal): Promise<ProbeResult> {
  const began = process.hrtime.bigint();
  return new Promise((resolve) => {
    const done = (ok: boolean, output: string) => resolve({ ok, latencyMs: elapsed(began), output });
    const request = http.get(
      { host: target.host, port: target.port, path: target.path, agent: false, signal, timeout: target.timeoutMs, headers: { 'user-agent': 'flotilla-probe' } },
      (response) => {
        const status = response.statusCode ?? 0;
        // The status is the answer; the body is not needed.
        response.resume();
        response.destroy();
        done(status >= 200 && status < 400, `HTTP ${status}`);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${target.timeoutMs} ms`)));
    request.on('error', (error) => done(false, signal.aborted ? 'stopped' : errorText(error)));
  });
}

export function tcpProbe(target: Extract<ProbeTarget, { kind: 'tcp' }>, signal: AbortSignal): Promise<ProbeResult> {
  const began = process.hrtime.bigint();
  return new Promise((resolve) => {
    let settled = false;
    let connectedMs = 0;
    let hold: NodeJS.Timeout | undefined;
    const socket = net.connect({ host: target.host, port: target.port });
    const done = (ok: boolean, output: string, latencyMs = elapsed(began)) => {
      if (settled) return;
      settled = true;
      clearTimeout(hold);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ ok, latencyMs, output });
    };
    const onAbort = () => done(false, 'stopped');
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('connect', () => {
      connectedMs = elapsed(began);
      hold = setTimeout(() => done(true, `connected in ${connectedMs.toFixed(1)} ms`, connectedMs), Math.min(TCP_HOLD_MS, Math.max(0, target.timeoutMs - connectedMs)));
    });
    socket.on('close', () => done(false, connectedMs > 0 ? 'connection closed at once (nothing listening in the container?)' : 'connection closed'));
    socket.on('error', (error) => done(false, errorText(error)));
  });
}

/** Collects at most PROBE_OUTPUT_LIMIT bytes of a stream and drops the rest. */
class CappedSink extends Writable {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    if (this.size < PROBE_OUTPUT_LIMIT) {
      this.chunks.push(chunk.subarray(0, PROBE_OUTPUT_LIMIT - this.size));
      this.size += Math.min(chunk.length, PROBE_OUTPUT_LIMIT - this.size);
    }
    callback();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export async function execProbe(docker: Docker, target: Extract<ProbeTarget, { kind: 'exec' }>, signal: AbortSignal): Promise<ProbeResult> {
  const began = process.hrtime.bigint();
  const failed = (output: string) => ({ ok: false, latencyMs: elapsed(began), output });
  try {
    const exec = await docker
      .getContainer(target.containerId)
      .exec({ Cmd: target.command, AttachStdout: true, AttachStderr: true, abortSignal: signal } as Docker.ExecCreateOptions);
    const stream = await exec.start({ hijack: true, stdin: false, abortSignal: signal } as Docker.ExecStartOptions);
    const out = new CappedSink();
    // The engine cannot kill an exec'd process: at the timeout the probe stops waiting for it.
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        stream.destroy();
        reject(new Error('stopped'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      docker.modem.demuxStream(stream, out, out);
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', reject);
    });
    const info = await exec.inspect({ abortSignal: signal } as unknown as Parameters<typeof exec.inspect>[0]);
    const latencyMs = elapsed(began);
    const code = info.ExitCode;
    const output = out.text().trim();
    if (code === 0) return { ok: true, latencyMs, output: output || 'exit 0' };
    return { ok: false, latencyMs, output: `exit ${code ?? '?'}${output ? `: ${output}` : ''}` };
  } catch (error) {
    return failed(signal.aborted ? 'stopped' : engineMessage(error));
  }
}
