/**
 * Runs `fn` over `items` with at most `limit` calls in flight. Items are pulled from the iterable one
 * at a time, so a large (or lazy / async) input never becomes a large array of pending promises.
 * If a call throws, no new items are started, the calls in flight finish, and the first error is
 * thrown. Callers that want every item to run catch inside `fn`.
 */
export async function forEachConcurrent<T>(
  items: Iterable<T> | AsyncIterable<T>,
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  const width = Math.max(1, Math.floor(limit));
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : toAsync(items[Symbol.iterator]());
  let index = 0;
  let failure: { error: unknown } | undefined;
  let done = false;

  async function worker(): Promise<void> {
    while (!done && failure === undefined) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        return;
      }
      const position = index++;
      try {
        await fn(next.value, position);
      } catch (error) {
        failure ??= { error };
      }
    }
  }

  await Promise.all(Array.from({ length: width }, () => worker()));
  if (failure !== undefined) {
    await iterator.return?.();
    throw failure.error;
  }
}

/** Like forEachConcurrent, collecting results in input order. */
export async function mapConcurrent<T, R>(items: Iterable<T> | AsyncIterable<T>, limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  await forEachConcurrent(items, limit, async (item, index) => {
    results[index] = await fn(item, index);
  });
  return results;
}

/** A semaphore: `run` starts `task` when fewer than `limit` tasks are running, else queues it (FIFO). */
export class Limiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly width: number;

  constructor(limit: number) {
    this.width = Math.max(1, Math.floor(limit));
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<R>(task: () => Promise<R>): Promise<R> {
    if (this.running >= this.width) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

function toAsync<T>(iterator: Iterator<T>): AsyncIterator<T> {
  return {
    next: () => Promise.resolve(iterator.next()),
    return: () => Promise.resolve(iterator.return?.() ?? { done: true, value: undefined }),
  };
}
