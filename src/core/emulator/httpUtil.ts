import type * as http from 'node:http';

// The emulator's size messages (INV-5, HTTP-5) use the toolkit's one size format.
export { formatBytes } from '../format';

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
