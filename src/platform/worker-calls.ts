import { Worker } from 'node:worker_threads';

// The worker's side of the protocol, appended to each handler's source: one answer per request,
// matched by id, errors passed back with their message and system code.
const PROTOCOL = `
const { parentPort: port } = require('node:worker_threads');
port.on('message', ({ id, request }) => {
  Promise.resolve()
    .then(() => handle(request))
    .then(
      (answer) => port.postMessage({ id, answer }),
      (error) => port.postMessage({ id, error: { message: String((error && error.message) || error), code: error && error.code } }),
    );
});
`;

interface Pending<Answer> {
  worker: Worker;
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
}

/**
 * Calls a function that runs in a worker thread, so CPU or system-call work leaves the event
 * loop: the main thread posts the request and takes the answer. `handlerSource` is plain CommonJS
 * (evaluated, so it needs no build step and runs the same from sources and from dist/) defining
 * `async function handle(request)`; `workerData` reaches it as `require('node:worker_threads').workerData`.
 *
 * The worker starts on first use and holds the process open only while calls are pending. If it
 * crashes, the calls in flight fail (callers retry as they would any failure) and the next call
 * starts a new one: a message that kills the parser cannot take the server down with it.
 */
export class WorkerCalls<Request, Answer> {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending<Answer>>();
  private nextId = 0;

  constructor(
    private readonly handlerSource: string,
    private readonly workerData?: unknown,
  ) {}

  call(request: Request): Promise<Answer> {
    const worker = this.worker ?? this.start();
    const id = ++this.nextId;
    return new Promise<Answer>((resolve, reject) => {
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { worker, resolve, reject });
      worker.postMessage({ id, request });
    });
  }

  /** Stops the worker once the calls in flight are answered. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    while ([...this.pending.values()].some((p) => p.worker === worker)) await new Promise((resolve) => setTimeout(resolve, 5));
    if (this.worker === worker) this.worker = null;
    await worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(`${this.handlerSource}\n${PROTOCOL}`, { eval: true, workerData: this.workerData });
    worker.on('message', (message: { id: number; answer?: Answer; error?: { message: string; code?: string } }) => {
      const waiting = this.settle(message.id);
      if (!waiting) return;
      if (message.error) waiting.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
      else waiting.resolve(message.answer as Answer);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const [id, waiting] of this.pending) if (waiting.worker === worker) this.settle(id)?.reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the worker thread stopped (exit code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Forgets a pending call; an idle worker stops holding the process open. */
  private settle(id: number): Pending<Answer> | undefined {
    const waiting = this.pending.get(id);
    if (!waiting) return undefined;
    this.pending.delete(id);
    if (![...this.pending.values()].some((p) => p.worker === waiting.worker)) waiting.worker.unref();
    return waiting;
  }
}
