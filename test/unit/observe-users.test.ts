import { test } from "node:test";
import assert from "node:assert/strict";
import { observeUsers, USER_PAGE_SIZE, type UserReader } from "../../src/observe/observe-users.js";
import type { UserInfo } from "../../src/homeserver/types.js";

/** A user reader over `total` accounts named u0…; u3 is deactivated, u5 suspended, u7 both. Counts its calls. */
function accounts(total: number) {
  const calls = { get: 0, list: 0 };
  const info = (i: number): UserInfo => ({ userId: `@u${i}:acme.test`, admin: false, deactivated: i === 3 || i === 7, suspended: i === 5 || i === 7 });
  const reader: UserReader = {
    getUser: (user) => {
      calls.get += 1;
      const i = Number(user.slice(2, user.indexOf(":")));
      return Promise.resolve(i < total ? info(i) : null);
    },
    listUsers: ({ from = 0, limit = 100 } = {}) => {
      calls.list += 1;
      const users = Array.from({ length: Math.max(0, Math.min(limit, total - from)) }, (_, k) => info(from + k));
      return Promise.resolve({ users, total, ...(from + users.length < total ? { nextToken: String(from + users.length) } : {}) });
    },
  };
  return { reader, calls };
}

test("observeUsers: fewer declared users than a page are looked up one by one (a page of Synapse's user list costs about the square of its accounts)", async () => {
  const { reader, calls } = accounts(3000);
  const wanted = ["@u1:acme.test", "@u3:acme.test", "@u5:acme.test", "@u7:acme.test", "@u9999:acme.test"];
  const statuses = await observeUsers(wanted, reader, 4);
  assert.deepEqual(
    [...statuses],
    [
      ["@u1:acme.test", "active"],
      ["@u3:acme.test", "deactivated"],
      ["@u5:acme.test", "suspended"],
      ["@u7:acme.test", "deactivated"],
      ["@u9999:acme.test", "not_found"],
    ],
  );
  assert.deepEqual(calls, { get: 5, list: 0 });
});

test("observeUsers: a page's worth of declared users or more reads the user list when that takes fewer requests", async () => {
  const { reader, calls } = accounts(2500);
  const wanted = Array.from({ length: USER_PAGE_SIZE }, (_, i) => `@u${i * 2}:acme.test`);
  const statuses = await observeUsers(wanted, reader, 4);
  assert.equal(statuses.get("@u0:acme.test"), "active");
  assert.equal(statuses.get(`@u${(USER_PAGE_SIZE - 1) * 2}:acme.test`), "active");
  assert.deepEqual(calls, { get: 0, list: 3 });
});

test("observeUsers: the list is read when it takes as many requests as single lookups or fewer, never more", async () => {
  const wanted = Array.from({ length: USER_PAGE_SIZE }, (_, i) => `@u${i}:acme.test`);
  const even = accounts(USER_PAGE_SIZE * USER_PAGE_SIZE);
  const statuses = await observeUsers(wanted, even.reader, 4);
  assert.deepEqual(even.calls, { get: 0, list: USER_PAGE_SIZE }, "1,000 pages for 1,000 users: the list");
  assert.deepEqual([statuses.get("@u5:acme.test"), statuses.get("@u7:acme.test")], ["suspended", "deactivated"]);
  const more = accounts(USER_PAGE_SIZE * USER_PAGE_SIZE + 1);
  await observeUsers(wanted, more.reader, 4);
  assert.deepEqual(more.calls, { get: USER_PAGE_SIZE, list: 1 }, "1,001 pages for 1,000 users: one lookup each");
});

test("observeUsers: a list that ends exactly on a page boundary is not asked for an empty page", async () => {
  const { reader, calls } = accounts(3 * USER_PAGE_SIZE);
  await observeUsers(Array.from({ length: USER_PAGE_SIZE }, (_, i) => `@u${i}:acme.test`), reader, 4);
  assert.deepEqual(calls, { get: 0, list: 3 });
});
