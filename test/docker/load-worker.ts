// A second process that puts HTTP load on a service port until its stdin closes, then prints one
// JSON line: every response (end time, status, body, send time) and the failures. CONNECTIONS
// clients each send GET requests one after another, each on a fresh connection (busybox httpd
// closes every connection after its answer). Hand-written rather than autocannon: against a
// server that closes each connection autocannon writes the next request on the closing socket,
// and it does not report when a request was sent, which is what "every request sent after the
// switch reaches v2" is judged by. Usage: node --import tsx load-worker.ts URL CONNECTIONS
import * as http from 'node:http';

const [url, connections] = process.argv.slice(2) as [string, string];
const target = new URL(url);
const TIMEOUT_MS = 5000;
const responses: [endedAt: number, status: number, body: string, sentAt: number][] = [];
let errors = 0;
let timeouts = 0;
let non2xx = 0;
let stopping = false;
const firstErrors: string[] = [];

function once(): Promise<void> {
  const sentAt = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: { status: number; body: string } | { error: Error }) => {
      if (settled) return;
      settled = true;
      if ('error' in outcome) {
        if (outcome.error.message === 'timed out') timeouts++;
        else errors++;
        if (firstErrors.length < 5) firstErrors.push(outcome.error.message);
      } else {
        if (outcome.status < 200 || outcome.status >= 300) non2xx++;
        responses.push([Date.now(), outcome.status, outcome.body.trim(), sentAt]);
      }
      resolve();
    };
    const request = http.get({ host: target.hostname, port: Number(target.port), path: target.pathname, agent: false, timeout: TIMEOUT_MS }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => finish({ status: response.statusCode ?? 0, body }));
      response.on('error', (error) => finish({ error }));
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => finish({ error }));
  });
}

async function client(): Promise<void> {
  while (!stopping) await once();
}

process.stdin.resume();
process.stdin.on('end', () => (stopping = true));
const clients = Promise.all(Array.from({ length: Number(connections) }, client));
process.stderr.write('load started\n');
void clients.then(() => {
  const report = { responses, errors, timeouts, non2xx, total: responses.length + errors + timeouts, firstErrors };
  // Exit once the report is flushed: stdout to a pipe is asynchronous.
  process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
});
