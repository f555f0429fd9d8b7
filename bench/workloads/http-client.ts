/**
 * The benchmark's HTTP client: node:http over keep-alive connections (one per concurrent client),
 * nothing between the timer and the socket. Latency runs from sending the request to the last byte
 * of the response; parsing the JSON happens after the clock stops.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const REQUEST_TIMEOUT_MS = 180_000;

export interface JsonResponse {
  status: number;
  ms: number;
  bytes: number;
  body: Record<string, unknown>;
}

export class JsonClient {
  private agent: http.Agent;

  constructor(
    private readonly base: URL,
    private readonly key: string,
    private readonly maxSockets = 16,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /**
   * Drops idle connections. Call it before a round: a connection left idle while the other server
   * had its round may be past the server's keep-alive timeout and closed under the next request.
   */
  freshConnections(): void {
    this.agent.destroy();
    this.agent = new http.Agent({ keepAlive: true, maxSockets: this.maxSockets });
  }

  post(path: string, payload: unknown): Promise<JsonResponse> {
    const body = Buffer.from(JSON.stringify(payload));
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = http.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path,
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${this.key}` },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const ms = performance.now() - started;
            const raw = Buffer.concat(chunks);
            try {
              resolve({ status: res.statusCode ?? 0, ms, bytes: raw.length, body: JSON.parse(raw.toString('utf8')) as Record<string, unknown> });
            } catch {
              reject(new Error(`${path}: HTTP ${res.statusCode ?? '?'} with a body that is not JSON: ${raw.toString('utf8').slice(0, 300)}`));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      // A server that stops answering fails the run instead of hanging it.
      req.setTimeout(REQUEST_TIMEOUT_MS, () => {
        req.destroy(new Error(`${path}: no answer within ${REQUEST_TIMEOUT_MS / 1000} s`));
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
