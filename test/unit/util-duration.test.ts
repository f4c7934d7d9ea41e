import { test } from "node:test";
import assert from "node:assert/strict";
import { formatMs } from "../../src/util/duration.js";

test("durations read as whole milliseconds below a second, then seconds with at most one decimal", () => {
  const rows: [number, string][] = [
    [0, "0 ms"],
    [449.6, "450 ms"],
    [999, "999 ms"],
    [1000, "1 s"],
    [1500, "1.5 s"],
    [4249, "4.2 s"],
    [60_000, "60 s"],
  ];
  for (const [ms, shown] of rows) assert.equal(formatMs(ms), shown, String(ms));
});
