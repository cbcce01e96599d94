// A generated manifest of N services, each a pod of two containers with the usual fields
// (command, env naming another service, resources, a volume, a health check).

export function bigManifest(services: number): string {
  const service = (i: number) => `  svc${i}:
    replicas: 2
    containers:
      app:
        image: shop/web:1
        command: [httpd, -f, -p, "8080"]
        env: { API_URL: "http://svc${(i + 1) % services}:9000", MODE: prod }
        resources: { cpus: 0.5, memory: 128Mi, reserve: { memory: 64Mi } }
        volumes: [ { name: data, path: /data } ]
      side:
        image: shop/logdrain:1
        volumes: [ { name: data, path: /data, readOnly: true } ]
    health:
      http: { path: /healthz, port: 8080 }
`;
  return `version: 1\nproject: big\nservices:\n${Array.from({ length: services }, (_, i) => service(i)).join('')}volumes:\n  data: {}\n`;
}
