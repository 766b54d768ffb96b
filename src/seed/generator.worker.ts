import { parentPort, workerData } from 'node:worker_threads';
import { TicketGenerator } from './generator.js';
import type { ChunkPlan } from './chunks.js';

// Makes synthetic tickets off the writer's thread. The writer sends credits (how many more
// chunks it is ready to take); each credit buys one chunk, so at most a few wait in memory.
const plan = workerData as ChunkPlan;
const generator = new TicketGenerator(plan.input);
let remaining = plan.input.count;
let credits = 0;
parentPort!.on('message', (more: number) => {
  credits += more;
  while (credits > 0 && remaining > 0) {
    const size = Math.min(plan.chunkSize, remaining);
    parentPort!.postMessage(generator.chunk(size));
    remaining -= size;
    credits--;
  }
});
