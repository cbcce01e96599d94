// Load from a second process for the proxy benchmark: CONNECTIONS concurrent clients each send
// GET requests to URL one after another, each on a fresh connection (busybox httpd closes every
// connection after its answer), for at most SECONDS or until stdin closes; prints one JSON line
// with every response's time and latency (hrtime). autocannon is not used here: against a
// server that closes each connection it writes the next request on the closing socket and
// times later answers from that orphaned request, so its latencies grow without bound.
import * as http from 'node:http';

const [url, connections, seconds] = process.argv.slice(2) as [string, string, string];
const target = new URL(url);
const samples: [at: number, latencyMs: number][] = [];
let errors = 0;
let non2xx = 0;
let stopping = false;
const started = Date.now();
const cpuAtStart = process.cpuUsage();
const deadline = started + Number(seconds) * 1000;

function once(): Promise<void> {
  const begin = process.hrtime.bigint();
  return new Promise((resolve) => {
    const request = http.get({ host: target.hostname, port: Number(target.port), path: target.pathname, agent: false, timeout: 5000 }, (response) => {
      response.resume();
      response.on('end', () => {
        if ((response.statusCode ?? 0) >= 300) non2xx++;
        samples.push([Date.now(), Number(process.hrtime.bigint() - begin) / 1e6]);
        resolve();
      });
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', () => {
      errors++;
      resolve();
    });
  });
}

async function client(): Promise<void> {
  while (!stopping && Date.now() < deadline) await once();
}

process.stdin.resume();
process.stdin.on('end', () => (stopping = true));
Promise.all(Array.from({ length: Number(connections) }, client)).then(() => {
  const elapsedS = (Date.now() - started) / 1000;
  // Its own CPU time: near one whole core, the load generator itself limits the figures.
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuShare = (cpu.user + cpu.system) / 1e6 / elapsedS;
  // Writes to a pipe finish later: exit only once the whole line is out.
  process.stdout.write(`${JSON.stringify({ samples, elapsedS, errors, non2xx, cpuShare })}\n`, () => process.exit(0));
});
