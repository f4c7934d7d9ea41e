/** Which of Synapse's limiters made apply wait, read from the request's path, and the line that says so. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { describeWait, renderWaitLine } from "../../src/render/rate-limit-wait.js";

const wait = (path: string, method = "POST") => ({ method, path, waitMs: 2500 });

test("each limited request names its limiter and its room (decoded); one key per room and limiter", () => {
  const kick = describeWait(wait("/_matrix/client/v3/rooms/!r%3Aacme.test/kick"));
  assert.deepEqual(kick, { key: "kicks share the admin's rc_message limit (0.2/s, burst 10) !r:acme.test", room: "!r:acme.test", what: "kicks share the admin's rc_message limit (0.2/s, burst 10)" });
  assert.equal(describeWait(wait("/_matrix/client/r0/rooms/!r%3Aacme.test/invite")).what, "invites meet rc_invites (per room 0.3/s, burst 10; per recipient 0.003/s, burst 5) and the admin's rc_message limit");
  assert.equal(describeWait(wait("/_matrix/client/v3/join/%23eng%3Aacme.test")).room, "#eng:acme.test");
  assert.equal(describeWait(wait("/_matrix/client/v3/join/%23eng%3Aacme.test")).what, "the admin's own join meets rc_joins (0.1/s, burst 10) and rc_message");
  assert.equal(describeWait(wait("/_synapse/admin/v1/rooms/!r%3Aacme.test/make_room_admin")).what, "make_room_admin meets the rc_message limit of the user it acts through");
  assert.notEqual(describeWait(wait("/_matrix/client/v3/rooms/!a%3Aacme.test/kick")).key, kick.key, "another room is another key");
  assert.deepEqual(describeWait(wait("/_matrix/client/v3/rooms/!r%3Aacme.test/kick/extra")), {
    key: "/_matrix/client/v3/rooms/!r%3Aacme.test/kick/extra",
    what: "POST /_matrix/client/v3/rooms/!r%3Aacme.test/kick/extra is rate limited",
  });
});

test("the wait line names the room as the plan does when known, else by ID, and none for a request without a room", () => {
  const kick = wait("/_matrix/client/v3/rooms/!r%3Aacme.test/kick");
  const tail = "Synapse asked to wait (429). To stop waiting, exempt the admin with `roster doctor --fix-rate-limits`.";
  assert.equal(renderWaitLine(kick, "#eng:acme.test"), `… waiting 2.5 s in #eng:acme.test: kicks share the admin's rc_message limit (0.2/s, burst 10); ${tail}`);
  assert.equal(renderWaitLine(kick), `… waiting 2.5 s in !r:acme.test: kicks share the admin's rc_message limit (0.2/s, burst 10); ${tail}`);
  assert.equal(renderWaitLine(wait("/_synapse/admin/v2/users/@a%3Aacme.test", "GET")), `… waiting 2.5 s: GET /_synapse/admin/v2/users/@a%3Aacme.test is rate limited; ${tail}`);
});
