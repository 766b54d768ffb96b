import { afterAll, describe, expect, it } from 'vitest';
import { WorkerCalls } from './worker-calls.js';

const SOURCE = `
const { workerData } = require('node:worker_threads');
async function handle(request) {
  if (request.crash) process.exit(3);
  if (request.fail) throw Object.assign(new Error('refused ' + request.fail), { code: 'EREFUSED' });
  if (request.wait) await new Promise((resolve) => setTimeout(resolve, request.wait));
  return { doubled: request.value * workerData.factor, bytes: request.bytes };
}
`;

describe('calls into a worker thread', () => {
  const calls = new WorkerCalls<{ value?: number; bytes?: Uint8Array; crash?: boolean; fail?: string; wait?: number }, { doubled: number; bytes?: Uint8Array }>(SOURCE, { factor: 2 });
  afterAll(() => calls.close());

  it('answers each call with its own result, in any order, and carries bytes both ways', async () => {
    const answers = await Promise.all([calls.call({ value: 1, wait: 30 }), calls.call({ value: 2 }), calls.call({ value: 3, bytes: Buffer.from('abc') })]);
    expect(answers.map((a) => a.doubled)).toEqual([2, 4, 6]);
    expect(Buffer.from(answers[2]!.bytes!).toString()).toBe('abc');
  });

  it('passes an error back with its message and code', async () => {
    await expect(calls.call({ fail: 'this' })).rejects.toMatchObject({ message: 'refused this', code: 'EREFUSED' });
    expect((await calls.call({ value: 5 })).doubled).toBe(10);
  });

  it('fails the calls in flight when the worker dies, and starts a new one for the next call', async () => {
    const slow = calls.call({ value: 1, wait: 200 });
    const crash = calls.call({ crash: true });
    await expect(crash).rejects.toThrow('exit code 3');
    await expect(slow).rejects.toThrow('exit code 3');
    expect((await calls.call({ value: 21 })).doubled).toBe(42);
  });
});
