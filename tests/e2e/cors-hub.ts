/**
 * The loopback Hub of the unit tests (tests/unit/helpers/hub-server.ts), reachable from a page
 * of another origin as the Hugging Face Hub is: a small proxy in front of it answers CORS
 * preflights and adds `Access-Control-Allow-Origin: *` (the Hub's `resolve` answers carry it),
 * and can hold each answer back a while, so that a test sees the page's progress.
 */
import { createServer, request, type Server } from 'node:http';
import { startHub, type HubFile } from '../unit/helpers/hub-server.ts';

export interface CorsHub {
  url: string;
  /** Paths the Hub was asked for, with their Range header (preflights left out). */
  requests: string[];
  /** Milliseconds each answer is held back (0 by default). */
  delayMs: number;
  close: () => Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'range',
  'access-control-expose-headers': 'content-range, content-length',
};

export async function startCorsHub(files: Record<string, HubFile>): Promise<CorsHub> {
  const hub = await startHub(files);
  const proxy: Server = createServer((req, res) => {
    if (req.method === 'OPTIONS') return void res.writeHead(204, CORS).end();
    const headers = req.headers.range ? { range: req.headers.range } : {};
    setTimeout(() => {
      const upstream = request(`${hub.url}${req.url ?? '/'}`, { headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...CORS });
        answer.pipe(res);
      });
      upstream.on('error', () => res.writeHead(502, CORS).end());
      upstream.end();
    }, state.delayMs);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const state: CorsHub = {
    url: `http://127.0.0.1:${port}`,
    requests: hub.requests,
    delayMs: 0,
    close: async () => {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await hub.close();
    },
  };
  return state;
}
