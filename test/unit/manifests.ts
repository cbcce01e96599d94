// Manifest texts shared by the unit tests.
import { loadManifest } from '../../src/core/manifest/load';
import type { DesiredState } from '../../src/core/model/state';

export const SHOP = `version: 1
project: shop
services:
  web:
    replicas: 2
    containers:
      app:
        image: shop/web:1
        command: [httpd, -f, -p, "8080"]
        env: { API_URL: "http://api:9000" }
        resources: { cpus: 0.5, memory: 128Mi, reserve: { cpus: 0.25, memory: 64Mi } }
        volumes: [ { name: logs, path: /var/log/app } ]
      log-drain:
        image: shop/logdrain:1
        volumes: [ { name: logs, path: /var/log/app, readOnly: true } ]
    expose: { port: 8080, hostPort: 18080 }
    health:
      http: { path: /healthz, port: 8080 }
  api:
    containers:
      server:
        image: shop/api:1
volumes:
  logs: {}
`;

export function desiredFrom(text: string): DesiredState {
  const loaded = loadManifest(text, { manifestDir: '/projects/shop', defaultProject: 'shop' });
  if (!loaded.desired) throw new Error(`manifest has errors: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  return loaded.desired;
}

/** shop with only web (2 replicas of one `app` container, hostPort 18080): its health and deploy as flow YAML. */
export function shopWeb(image: string, lines: { deploy: string; health?: string }): DesiredState {
  const health = lines.health ? `    health: ${lines.health}\n` : '';
  return desiredFrom(`version: 1
project: shop
services:
  web:
    replicas: 2
    containers: { app: { image: ${image} } }
    expose: { port: 8080, hostPort: 18080 }
${health}    deploy: ${lines.deploy}
`);
}
