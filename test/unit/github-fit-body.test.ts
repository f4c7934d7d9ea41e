import "../support/fast-check-seed.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { fitCommentBody, GITHUB_COMMENT_LIMIT } from "../../src/github/fit-body.js";

test("a body below the limit is returned unchanged", () => {
  const body = "x".repeat(GITHUB_COMMENT_LIMIT - 1);
  assert.equal(fitCommentBody(body), body);
});

test("a body of exactly the limit is cut: the result is strictly below it", () => {
  const body = "line\n".repeat(GITHUB_COMMENT_LIMIT / 4).slice(0, GITHUB_COMMENT_LIMIT);
  const fitted = fitCommentBody(body);
  assert.ok(fitted.length < GITHUB_COMMENT_LIMIT);
  assert.match(fitted, /Summarised to fit a GitHub comment: the full text is 65,536 characters and GitHub allows 65,536/);
});

test("a fence opened with an info string is closed only by a bare fence of at least its length", () => {
  const body = `\`\`\`\`diff\n\`\`\`\`js\n\`\`\`\n${"+ @user:acme.test\n".repeat(200)}`;
  assert.match(fitCommentBody(body, { limit: 1000 }), /\+ @user:acme\.test\n````\n\n---\n/);
});

test("a limit too small for the note alone still gives a body below it", () => {
  const fitted = fitCommentBody("x".repeat(500), { limit: 50 });
  assert.ok(fitted.length < 50, String(fitted.length));
  assert.ok(fitted.startsWith("---\n> [!NOTE]"));
});

test("the cut prefers a heading boundary, so a room section is never half shown", () => {
  const section = (n: number) => `### #room-${n}\n\n${"- @someone:acme.test\n".repeat(20)}\n`;
  const body = Array.from({ length: 10 }, (_, i) => section(i)).join("");
  const fitted = fitCommentBody(body, { limit: 2000, fullTextAt: "the job summary" });
  const kept = fitted.slice(0, fitted.indexOf("\n\n---\n> [!NOTE]"));
  assert.ok(body.startsWith(kept));
  assert.match(body.slice(kept.length), /^\n### #room-\d+\n/);
  assert.match(fitted, /The complete version is in the job summary\.\n$/);
});

test("a cut inside a code fence closes the fence with the same marker", () => {
  const body = `## plan\n\n~~~~diff\n${"+ @user:acme.test\n".repeat(500)}~~~~\n`;
  const fitted = fitCommentBody(body, { limit: 1000 });
  assert.ok(fitted.length < 1000);
  assert.match(fitted, /\+ @user:acme\.test\n~~~~\n\n---\n/);
});

test("one enormous line is cut without splitting a surrogate pair", () => {
  const fitted = fitCommentBody("🙂".repeat(5000), { limit: 1001 });
  assert.ok(fitted.length < 1001);
  assert.doesNotMatch(fitted, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
});

test("any body, any limit: the result is below the limit and keeps a prefix of the body", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", maxLength: 3000 }), fc.integer({ min: 400, max: 2500 }), (body, limit) => {
      const fitted = fitCommentBody(body, { limit });
      assert.ok(fitted.length < limit);
      if (body.length < limit) return assert.equal(fitted, body);
      const kept = fitted.slice(0, fitted.lastIndexOf("\n\n---\n> [!NOTE]"));
      const closedFence = /\n(`{3,}|~{3,})$/.exec(kept);
      assert.ok(body.startsWith(kept) || (closedFence !== null && body.startsWith(kept.slice(0, closedFence.index))));
    }),
    { numRuns: 200 },
  );
});
