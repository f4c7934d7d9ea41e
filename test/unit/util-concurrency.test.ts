import { test } from "node:test";
import assert from "node:assert/strict";
import { forEachConcurrent, Limiter, mapConcurrent } from "../../src/util/concurrency.js";

/** A task that resolves when the test says so, to observe how many run at once. */
function gate() {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open: () => open() };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

test("mapConcurrent keeps input order and never runs more than the limit at once", async () => {
  let running = 0;
  let peak = 0;
  const results = await mapConcurrent([5, 1, 4, 2, 3, 0], 2, async (n) => {
    running += 1;
    peak = Math.max(peak, running);
    for (let i = 0; i < n; i += 1) await tick();
    running -= 1;
    return n * 10;
  });
  assert.deepEqual(results, [50, 10, 40, 20, 30, 0]);
  assert.equal(peak, 2);
});

test("forEachConcurrent pulls items lazily: a huge generator is not drained ahead of the workers", async () => {
  let produced = 0;
  function* items() {
    for (let i = 0; i < 1_000_000; i += 1) {
      produced += 1;
      yield i;
    }
  }
  let processed = 0;
  await assert.rejects(
    forEachConcurrent(items(), 4, async (i) => {
      await tick();
      processed += 1;
      if (i === 50) throw new Error("stop at 50");
    }),
    /stop at 50/,
  );
  assert.ok(produced < 60, `produced ${produced}`);
  assert.ok(processed <= produced);
});

test("forEachConcurrent accepts async iterables and finishes calls in flight before rethrowing", async () => {
  async function* items() {
    yield "a";
    yield "b";
    yield "c";
  }
  const finished: string[] = [];
  const slow = gate();
  const run = forEachConcurrent(items(), 2, async (item) => {
    if (item === "a") {
      await slow.promise;
      finished.push("a");
      return;
    }
    throw new Error(`failed ${item}`);
  });
  await tick();
  slow.open();
  await assert.rejects(run, /failed b/);
  assert.deepEqual(finished, ["a"]);
});

test("forEachConcurrent rethrows the first failure, not a later one, and closes its input (the generator's finally runs)", async () => {
  let closed = false;
  function* items() {
    try {
      yield 1;
      yield 2;
      yield 3;
    } finally {
      closed = true;
    }
  }
  const second = gate();
  const run = forEachConcurrent(items(), 2, async (n) => {
    if (n === 1) throw new Error("first");
    await second.promise;
    throw new Error("second");
  });
  await tick();
  second.open();
  await assert.rejects(run, { message: "first" });
  assert.equal(closed, true);
});

test("an empty input and a limit below 1 are fine", async () => {
  assert.deepEqual(await mapConcurrent([], 3, () => Promise.resolve(1)), []);
  assert.deepEqual(await mapConcurrent([1, 2], 0, (n) => Promise.resolve(n)), [1, 2]);
});

test("Limiter queues tasks beyond its width and runs them in order", async () => {
  const limiter = new Limiter(1);
  const first = gate();
  const order: string[] = [];
  const a = limiter.run(async () => {
    await first.promise;
    order.push("a");
  });
  const b = limiter.run(() => {
    order.push("b");
    return Promise.resolve("b-result");
  });
  await tick();
  assert.deepEqual([limiter.active, limiter.queued, order], [1, 1, []]);
  first.open();
  await a;
  assert.equal(await b, "b-result");
  assert.deepEqual(order, ["a", "b"]);
  assert.deepEqual([limiter.active, limiter.queued], [0, 0]);
  await assert.rejects(limiter.run(() => Promise.reject(new Error("boom"))), /boom/);
  assert.equal(limiter.active, 0, "a failing task frees its slot");
});

test("Limiter runs up to its width side by side, a fractional width rounded down", async () => {
  const limiter = new Limiter(3.9);
  const open = gate();
  const tasks = Array.from({ length: 5 }, () => limiter.run(() => open.promise));
  await tick();
  assert.deepEqual([limiter.active, limiter.queued], [3, 2]);
  open.open();
  await Promise.all(tasks);
  assert.deepEqual([limiter.active, limiter.queued], [0, 0]);
});
