// The manifest text of the Docker tests' "web" service (busybox httpd on 8080, exposed on a host
// port), built from options that name what differs between tests, so each test shows only that.
import { TEST_IMAGE } from './helpers';

/** busybox httpd serving /www (the test images put index.html, healthz and the version there). */
export const HTTPD_WWW = '[httpd, -f, -p, "8080", -h, /www]';

export interface HttpProbe {
  path: string;
  interval: string;
}

/** The usual probe of a test service: GET /healthz every 300 ms. */
export const HEALTHZ: HttpProbe = { path: '/healthz', interval: '300ms' };

export interface ServiceOptions {
  /** Exposes port 8080 on this host port; not exposed when left out. */
  hostPort?: number;
  /** Default TEST_IMAGE. */
  image?: string;
  /** A YAML flow sequence; default HTTPD_WWW. */
  command?: string;
  /** Default 2; `null` leaves the line out (the manifest's own default, 1). */
  replicas?: number | null;
  env?: Record<string, string>;
  /** A named volume mounted into the container (and declared at the top level by webManifest). */
  volume?: { name: string; path: string };
  /** An HTTP probe on port 8080; none when left out. */
  health?: HttpProbe;
  /** The deploy settings, written in this order as a flow mapping. */
  deploy?: Record<string, string | number>;
}

function flowMapping(entries: Record<string, string | number>): string {
  return `{ ${Object.entries(entries)
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ')} }`;
}

/** One service (one container, `app`) as its text under `services:`. */
export function serviceText(name: string, options: ServiceOptions): string {
  const { hostPort, image = TEST_IMAGE, command = HTTPD_WWW, replicas = 2, env, volume, health, deploy } = options;
  const lines = [`  ${name}:`];
  if (replicas !== null) lines.push(`    replicas: ${replicas}`);
  lines.push('    stopGracePeriod: 1s', '    containers:', '      app:', `        image: ${image}`, `        command: ${command}`);
  if (env)
    lines.push(
      `        env: { ${Object.entries(env)
        .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
        .join(', ')} }`,
    );
  if (volume) lines.push(`        volumes: [ { name: ${volume.name}, path: ${volume.path} } ]`);
  if (hostPort !== undefined) lines.push(`    expose: { port: 8080, hostPort: ${hostPort} }`);
  if (health) lines.push('    health:', `      http: { path: ${health.path}, port: 8080 }`, `      interval: ${health.interval}`);
  if (deploy) lines.push(`    deploy: ${flowMapping(deploy)}`);
  return `${lines.join('\n')}\n`;
}

/** A whole manifest of the given services' texts (and named volumes, if any). */
export function manifestText(project: string, services: string[], volumes: string[] = []): string {
  const volumesText = volumes.length > 0 ? `volumes:\n${volumes.map((name) => `  ${name}: {}\n`).join('')}` : '';
  return `version: 1\nproject: ${project}\nservices:\n${services.join('')}${volumesText}`;
}

/** A project with the "web" service, plus any other services given as text. */
export function webManifest(project: string, options: ServiceOptions & { extraServices?: string }): string {
  const { extraServices = '', ...web } = options;
  return manifestText(project, [serviceText('web', web), extraServices], web.volume ? [web.volume.name] : []);
}
