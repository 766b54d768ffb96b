import { WebSocket } from 'ws';

export type Frame = Record<string, unknown> & { type: string };

/** A real WebSocket client for tests: keeps every frame it receives and can wait for one. */
export class WsClient {
  readonly frames: Frame[] = [];
  private waiters: { test: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => (w.test(frame) ? (w.resolve(frame), false) : true));
    });
  }
  /** Connects; rejects with the HTTP status when the server refuses the upgrade. */
  static open(url: string, headers: Record<string, string> = {}): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const client = new WsClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }
  send(frame: object): void {
    this.ws.send(JSON.stringify(frame));
  }
  /** The first frame (seen or still to come) that passes the test; `after` skips ones seen before. */
  next(test: (f: Frame) => boolean, after = 0, timeoutMs = 5_000): Promise<Frame> {
    const seen = this.frames.slice(after).find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame; got ${JSON.stringify(this.frames)}`)), timeoutMs);
      this.waiters.push({ test, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  }
  messages(): Frame[] {
    return this.frames.filter((f) => f.type === 'message');
  }
  close(): void {
    this.ws.terminate();
  }
}
