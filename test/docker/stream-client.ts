// A long-lived HTTP connection for drain tests: GET /cgi-bin/stream of the flotilla-test/stream
// images, which answers "<version> <container hostname>", then "tick" every half second until
// the test releases it (a file in the container), then "end". Every chunk is kept with its time.
import * as http from 'node:http';
import { execIn } from './cli-harness';

export const STREAM_IMAGE = 'flotilla-test/stream:1';
export const STREAM_IMAGE_V2 = 'flotilla-test/stream:2';

export interface StreamEnd {
  at: number;
  body: string;
  /** The whole answer arrived (its last line is "end"), rather than the connection being cut. */
  completed: boolean;
}

export interface OpenStream {
  /** The first line: version and the answering container's hostname (its short id). */
  first: Promise<{ version: string; hostname: string }>;
  chunks: { at: number; text: string }[];
  ended: Promise<StreamEnd>;
  /** Whether anything arrived after the given time. */
  receivedAfter(time: number): boolean;
  destroy(): void;
}

export function openStream(port: number): OpenStream {
  const chunks: { at: number; text: string }[] = [];
  let resolveFirst: (first: { version: string; hostname: string }) => void = () => undefined;
  let rejectFirst: (error: Error) => void = () => undefined;
  const first = new Promise<{ version: string; hostname: string }>((resolve, reject) => ((resolveFirst = resolve), (rejectFirst = reject)));
  let body = '';
  const request = http.get({ host: '127.0.0.1', port, path: '/cgi-bin/stream', agent: false });
  const ended = new Promise<StreamEnd>((resolve) => {
    const finish = () => {
      const completed = body.trimEnd().split('\n').at(-1) === 'end';
      rejectFirst(new Error(`the stream ended before its first line: ${JSON.stringify(body)}`));
      resolve({ at: Date.now(), body, completed });
    };
    request.on('error', finish);
    request.on('response', (response) => {
      response.setEncoding('utf8');
      response.on('data', (text: string) => {
        chunks.push({ at: Date.now(), text });
        body += text;
        const line = body.split('\n')[0];
        if (body.includes('\n') && line) {
          const [version = '', hostname = ''] = line.trim().split(' ');
          resolveFirst({ version, hostname });
        }
      });
      response.on('close', finish);
    });
  });
  first.catch(() => undefined); // read through `ended` when the first line never came
  return {
    first,
    chunks,
    ended,
    receivedAfter: (time) => chunks.some((c) => c.at > time),
    destroy: () => request.destroy(),
  };
}

/** Lets the container's open streams finish: they see /release and print "end". */
export function releaseStreams(containerId: string): void {
  const result = execIn(containerId, ['touch', '/release']);
  if (result.code !== 0) throw new Error(`could not release the streams of ${containerId}: ${result.output}`);
}
