/** What a reconnecting socket tells its owner. */
export interface SocketEvents {
  /** Connected (again): say again whatever the server must know. */
  open: () => void;
  /** A frame from the server, parsed from JSON. */
  frame: (frame: unknown) => void;
  /** The connection dropped while wanted; a new attempt is scheduled. */
  lost: () => void;
}

/**
 * A WebSocket to a path of this host (ws: or wss: as the page) that reconnects by itself with
 * back-off (1 s … 15 s) from `start()` until `stop()`. The console's live stream and chat each
 * keep one.
 */
export class ReconnectingSocket {
  private ws: WebSocket | null = null;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;

  constructor(
    private readonly path: string,
    private readonly on: SocketEvents,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.connect();
  }

  stop(): void {
    this.started = false;
    clearTimeout(this.timer);
    this.ws?.close();
    this.ws = null;
  }

  /** Sends a frame when connected; drops it otherwise (owners say again on `open` what matters). */
  send(frame: object): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private connect(): void {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}${this.path}`);
    this.ws = ws;
    ws.onopen = () => {
      this.attempts = 0;
      this.on.open();
    };
    ws.onmessage = (event) => this.on.frame(JSON.parse(String(event.data)));
    ws.onclose = () => {
      // A socket replaced or stopped on purpose is not a lost connection.
      if (this.ws !== ws || !this.started) return;
      this.on.lost();
      this.timer = setTimeout(() => this.connect(), Math.min(15_000, 1_000 * 2 ** this.attempts++));
    };
  }
}
