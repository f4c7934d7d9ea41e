/** What a failed GitHub call says, and the hint for each kind of refusal. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { GitHubError, toGitHubError } from "../../src/github/errors.js";

function requestError(status: number, data?: unknown, message = `HttpError ${status}\nmore lines`) {
  return Object.assign(new Error(message), {
    status,
    request: { method: "POST", url: "https://api.github.com/repos/o/r/issues/7/comments?per_page=100" },
    ...(data === undefined ? {} : { response: { data } }),
  });
}

const described = (error: unknown) => {
  const converted = toGitHubError(error);
  assert.ok(converted instanceof GitHubError);
  return [converted.message, converted.hint ?? ""];
};

test("each refusal names the call and GitHub's words, with what to do", () => {
  const path = "/repos/o/r/issues/7/comments";
  assert.deepEqual(described(requestError(401, { message: "Bad credentials" })), [`GitHub POST ${path} answered 401: Bad credentials`, "the token is invalid or expired: pass GITHUB_TOKEN from ${{ github.token }} or a valid token"]);
  assert.match(described(requestError(404, { message: "Not Found" }))[1] ?? "", /^the token lacks access: the workflow needs `permissions: pull-requests: write`/);
  assert.deepEqual(described(requestError(404, { message: "Gone elsewhere" })), [`GitHub POST ${path} answered 404: Gone elsewhere`, ""]);
  assert.deepEqual(described(requestError(422, { message: "Validation Failed", errors: [{ message: "Body is too long (maximum is 65536 characters)" }] })), [
    `GitHub POST ${path} answered 422: Validation Failed (Body is too long (maximum is 65536 characters))`,
    "GitHub refused the content; please report it with the job log",
  ]);
  assert.deepEqual(described(requestError(500)), [`GitHub POST ${path} answered 500`, "GitHub is unavailable: re-run the job later (https://www.githubstatus.com)"]);
  assert.deepEqual(described(requestError(503)), [`GitHub POST ${path} answered 503: HttpError 503`, "GitHub is unavailable: re-run the job later (https://www.githubstatus.com)"]);
  assert.equal(described(requestError(0, undefined, "connect ECONNREFUSED"))[1], "GitHub is unavailable: re-run the job later (https://www.githubstatus.com)");
});

test("anything that is not a failed request is passed on untouched", () => {
  const bug = new TypeError("x is undefined");
  assert.equal(toGitHubError(bug), bug);
});
