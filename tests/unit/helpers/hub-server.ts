/**
 * A loopback stand-in for the Hugging Face Hub: serves `/<org>/<name>/resolve/<revision>/<file>`
 * from memory, with HTTP Range requests (206) unless told to ignore them, and any status for a
 * path. Tests start it on port 0 and close it; nothing reaches the network.
 */
import { createServer, type Server } from 'node:http';

export interface HubFile {
  status?: number;
  body?: Uint8Array | string;
  /** The file's size when `body` is only its start (a GGUF header): the rest reads as zeros. */
  size?: number;
}

export interface LoopbackHub {
  url: string;
  /** Paths requested, in order, with their Range header. */
  requests: string[];
  close: () => Promise<void>;
}

export async function startHub(
  files: Record<string, HubFile>,
  options: { ignoreRange?: boolean } = {},
): Promise<LoopbackHub> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(`${path}${req.headers.range ? ` ${req.headers.range}` : ''}`);
    const file = files[path];
    if (!file) return void res.writeHead(404).end('Entry not found');
    if (file.status && file.status !== 200) return void res.writeHead(file.status).end();
    const body =
      typeof file.body === 'string' ? Buffer.from(file.body) : Buffer.from(file.body ?? []);
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (range && !options.ignoreRange) {
      const size = file.size ?? body.length;
      const [from, to] = [Number(range[1]), Math.min(Number(range[2]), size - 1)];
      const slice = Buffer.alloc(Math.max(0, to + 1 - from));
      body.copy(slice, 0, Math.min(from, body.length), Math.min(to + 1, body.length));
      res.writeHead(206, { 'content-range': `bytes ${from}-${to}/${size}` });
      return void res.end(slice);
    }
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
