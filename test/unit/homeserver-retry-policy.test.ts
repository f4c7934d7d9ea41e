import { test } from "node:test";
import assert from "node:assert/strict";
import { computeBackoffMs, readRetryAfterMs, WaitBudget } from "../../src/homeserver/retry-policy.js";

test("waits that overlap in time spend the --max-wait budget once", () => {
  let now = 0;
  const budget = new WaitBudget(10_000, () => now);
  assert.equal(budget.tryReserve(5000), true);
  assert.equal(budget.tryReserve(5000), true, "a second request waiting over the same 5 s costs nothing more");
  assert.equal(budget.tryReserve(7000), true, "extends the covered time by 2 s");
  assert.equal(budget.leftMs, 3000);
  now = 7000;
  assert.equal(budget.tryReserve(4000), false, "would need 4 s more, only 3 s left");
  assert.equal(budget.leftMs, 3000, "a refused reservation spends nothing");
  assert.equal(budget.tryReserve(3000), true);
  assert.equal(budget.leftMs, 0);
});

test("Retry-After: body milliseconds first, then header seconds or HTTP date; nonsense ignored", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  assert.equal(readRetryAfterMs({ retry_after_ms: 1234 }, "9", now), 1234);
  assert.equal(readRetryAfterMs({}, "9", now), 9000);
  assert.equal(readRetryAfterMs(null, "Thu, 01 Jan 2026 00:00:05 GMT", now), 5000);
  assert.equal(readRetryAfterMs({ retry_after_ms: -1 }, "soon", now), undefined);
});

test("Retry-After edge cases: zero is a wait, a past date is no wait, a header is trimmed, a body that is not a number falls back", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  const cases: [unknown, string | null, number | undefined][] = [
    [{ retry_after_ms: 0 }, "9", 0],
    [{ retry_after_ms: "500" }, "2", 2000],
    [{ retry_after_ms: -1 }, "3", 3000],
    ["retry_after_ms", " 4 ", 4000],
    [{}, "Wed, 31 Dec 2025 23:59:00 GMT", 0],
    [{}, null, undefined],
    [{}, "", undefined],
    [{}, "12", 12_000],
    [{}, "5 s", undefined],
    [{}, "x5", undefined],
  ];
  for (const [body, header, expected] of cases) assert.equal(readRetryAfterMs(body, header, now), expected, `${JSON.stringify(body)} ${header}`);
});

test("backoff is full jitter under an exponential ceiling with a cap", () => {
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => computeBackoffMs(n, () => 0.999, 1000, 5000)), [999, 1998, 3996, 4995, 4995]);
  assert.equal(computeBackoffMs(3, () => 0, 1000, 5000), 0);
});
