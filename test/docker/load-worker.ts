// A second process that puts HTTP load on a service port with autocannon until its stdin
// closes, then prints one JSON line: every response (time, status, body) and autocannon's
// error counts. Usage: node --import tsx load-worker.ts URL CONNECTIONS
import autocannon from 'autocannon';

const [url, connections] = process.argv.slice(2) as [string, string];
const responses: [number, number, string][] = [];
const instance = autocannon(
  {
    url,
    connections: Number(connections),
    duration: 120, // an upper bound; the parent ends the run by closing stdin
    timeout: 5,
    requests: [{ method: 'GET', path: '/', onResponse: (status: number, body: string) => responses.push([Date.now(), status, body.trim()]) }],
  },
  (error, result) => {
    if (error) {
      console.error(error);
      process.exit(1);
    }
    // Exit once the report is flushed: stdout to a pipe is asynchronous, and exiting at once
    // cut a large report short (the parent then read truncated JSON).
    process.stdout.write(`${JSON.stringify({ responses, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, total: result.requests.total })}\n`, () => process.exit(0));
  },
);
process.stdin.resume();
process.stdin.on('end', () => instance.stop());
process.stderr.write('load started\n');
