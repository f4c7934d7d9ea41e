import { test } from "node:test";
import assert from "node:assert/strict";
import { SynapseClient } from "../../src/homeserver/client.js";
import { HomeserverError } from "../../src/homeserver/errors.js";
import { startScriptedServer, unrecognized, type RecordedRequest, type ScriptedReply } from "../support/scripted-server.js";
import { createFakeTime } from "../support/fake-time.js";

type Routes = Record<string, ScriptedReply | ((request: RecordedRequest) => ScriptedReply)>;

/** A scripted server answering `METHOD path` (path as received, without query) from a table. */
async function serve(t: { after: (fn: () => Promise<void>) => void }, routes: Routes) {
  const server = await startScriptedServer((request) => {
    const entry = routes[`${request.method} ${request.path}`];
    if (entry === undefined) return unrecognized;
    return typeof entry === "function" ? entry(request) : entry;
  });
  t.after(() => server.close());
  const time = createFakeTime();
  const client = SynapseClient.create({ baseUrl: server.url, token: "tok", sleep: time.sleep, now: time.now, random: () => 0 });
  return { server, client };
}

const json = (body: unknown, status = 200): ScriptedReply => ({ status, body });
const notFound = (error = "Not found") => json({ errcode: "M_NOT_FOUND", error }, 404);
const forbidden = json({ errcode: "M_FORBIDDEN", error: "You are not a server admin" }, 403);

test("isServerAdmin reads the v1 admin endpoint; 403 M_FORBIDDEN means not an admin", async (t) => {
  const { client } = await serve(t, {
    "GET /_synapse/admin/v1/users/@admin:hs/admin": json({ admin: true }),
    "GET /_synapse/admin/v1/users/@bob:hs/admin": forbidden,
  });
  assert.equal(await client.isServerAdmin("@admin:hs"), true);
  assert.equal(await client.isServerAdmin("@bob:hs"), false);
});

test("isServerAdmin falls back to v2 users when v1 answers M_UNRECOGNIZED with 400, 404 or 405, reading 0/1 as booleans", async (t) => {
  for (const status of [400, 404, 405]) {
    for (const [admin, expected] of [[1, true], [0, false], [true, true]] as const) {
      const { client, server } = await serve(t, {
        "GET /_synapse/admin/v1/users/@me:hs/admin": json({ errcode: "M_UNRECOGNIZED", error: "Unrecognized request" }, status),
        "GET /_synapse/admin/v2/users/@me:hs": json({ name: "@me:hs", admin, deactivated: 0 }),
      });
      assert.equal(await client.isServerAdmin("@me:hs"), expected, `status ${status}, admin ${String(admin)}`);
      assert.equal(server.requests.length, 2);
    }
  }
  const { client } = await serve(t, { "GET /_synapse/admin/v2/users/@me:hs": forbidden });
  assert.equal(await client.isServerAdmin("@me:hs"), false, "404 M_UNRECOGNIZED then v2 403: not an admin");
});

test("isServerAdmin does not swallow other refusals", async (t) => {
  const { client } = await serve(t, {
    "GET /_synapse/admin/v1/users/@me:hs/admin": json({ errcode: "M_UNKNOWN_TOKEN", error: "Invalid access token passed.", soft_logout: false }, 401),
  });
  await assert.rejects(client.isServerAdmin("@me:hs"), (error) => error instanceof HomeserverError && error.errcode === "M_UNKNOWN_TOKEN");
});

test("resolveAlias sends # as %23, returns the room and servers, null on 404 M_NOT_FOUND, and throws on 404 M_UNRECOGNIZED and 502", async (t) => {
  const { client, server } = await serve(t, {
    "GET /_matrix/client/v3/directory/room/%23eng:hs": json({ room_id: "!e:hs", servers: ["hs", "other.example"] }),
    "GET /_matrix/client/v3/directory/room/%23gone:hs": notFound("Room alias #gone:hs not found"),
    "GET /_matrix/client/v3/directory/room/%23far:remote.example": json({ errcode: "M_UNKNOWN", error: "Failed to fetch alias" }, 502),
  });
  assert.deepEqual(await client.resolveAlias("#eng:hs"), { roomId: "!e:hs", servers: ["hs", "other.example"] });
  assert.equal(await client.resolveAlias("#gone:hs"), null);
  await assert.rejects(client.resolveAlias("#weird/x:hs"), (e) => e instanceof HomeserverError && e.errcode === "M_UNRECOGNIZED");
  assert.equal(server.requests.at(-1)?.path, "/_matrix/client/v3/directory/room/%23weird%2Fx:hs");
  const before = server.requests.length;
  await assert.rejects(client.resolveAlias("#far:remote.example"), (e) => e instanceof HomeserverError && e.status === 502 && e.mayHaveReachedServer);
  assert.equal(server.requests.length - before, 5, "502 is retried, not taken as 'not found'");
});

test("getRoomState answers null for an unknown room, [] for one the server left, and keeps only well-formed events", async (t) => {
  const create = { type: "m.room.create", state_key: "", sender: "@admin:hs", content: { room_version: "11" } };
  const { client } = await serve(t, {
    "GET /_synapse/admin/v1/rooms/!r:hs/state": json({
      state: [
        create,
        { junk: true },
        { ...create, content: [] },
        { ...create, content: null },
        { ...create, content: "x" },
        null,
        "m.room.create",
        { type: "m.room.member", state_key: "@a:hs", content: { membership: "join" } },
        { type: "m.room.member", state_key: 7, sender: "@a:hs", content: { membership: "join" } },
        { type: 7, state_key: "", sender: "@a:hs", content: {} },
      ],
    }),
    "GET /_synapse/admin/v1/rooms/!left:hs/state": json({ state: [] }),
    "GET /_synapse/admin/v1/rooms/!odd:hs/state": json({ events: [] }),
    "GET /_synapse/admin/v1/rooms/!x:hs/state": notFound("Room not found"),
  });
  assert.deepEqual(await client.getRoomState("!r:hs"), [create]);
  assert.deepEqual(await client.getRoomState("!left:hs"), []);
  assert.deepEqual(await client.getRoomState("!odd:hs"), [], "an answer without a state list holds no events");
  assert.equal(await client.getRoomState("!x:hs"), null);
});

test("getUser reads the flags roster decides on (booleans, 0/1 or \"true\") and answers null for an unknown user", async (t) => {
  const { client } = await serve(t, {
    "GET /_synapse/admin/v2/users/@old:hs": json({ name: "@old:hs", admin: 0, deactivated: 1, shadow_banned: 1, displayname: "Old" }),
    "GET /_synapse/admin/v2/users/@new:hs": json({ name: "@new:hs", admin: "true", deactivated: false, suspended: true }),
    "GET /_synapse/admin/v2/users/@anon:hs": json({ deactivated: "yes" }),
    "GET /_synapse/admin/v2/users/@nobody:hs": notFound("User not found"),
    "GET /_synapse/admin/v2/users/@far:remote": json({ errcode: "M_UNKNOWN", error: "Can only look up local users" }, 400),
    "GET /_synapse/admin/v2/users/@odd:hs": json({ errcode: "M_NOT_FOUND", error: "not a 404" }, 400),
  });
  assert.deepEqual(await client.getUser("@old:hs"), { userId: "@old:hs", admin: false, deactivated: true, suspended: false });
  assert.deepEqual(await client.getUser("@new:hs"), { userId: "@new:hs", admin: true, deactivated: false, suspended: true });
  assert.deepEqual(await client.getUser("@anon:hs"), { userId: "@anon:hs", admin: false, deactivated: false, suspended: false }, "named as asked; only true, 1 or \"true\" is true");
  assert.equal(await client.getUser("@nobody:hs"), null);
  await assert.rejects(client.getUser("@far:remote"), (e) => e instanceof HomeserverError && e.status === 400);
  await assert.rejects(client.getUser("@odd:hs"), (e) => e instanceof HomeserverError && e.errcode === "M_NOT_FOUND", "only a 404 M_NOT_FOUND means absent");
});

test("listUsers asks for deactivated and locked users too, skips entries without a name, and reads the paging fields", async (t) => {
  const { client, server } = await serve(t, {
    "GET /_synapse/admin/v2/users": (request) => {
      const from = Number(new URL(request.url, "http://x").searchParams.get("from"));
      if (from === 0) return json({ users: [{ name: "@a:hs", admin: 1 }, { admin: true }, { name: "@c:hs", suspended: 1 }], total: 5, next_token: "3" });
      if (from === 3) return json({ users: [{ name: "@d:hs" }], next_token: null });
      return json({ total: 0 });
    },
  });
  const first = await client.listUsers({ from: 0, limit: 3 });
  assert.deepEqual(first, {
    users: [
      { userId: "@a:hs", admin: true, deactivated: false, suspended: false },
      { userId: "@c:hs", admin: false, deactivated: false, suspended: true },
    ],
    total: 5,
    nextToken: "3",
  });
  assert.deepEqual(await client.listUsers({ from: 3, limit: 3 }), { users: [{ userId: "@d:hs", admin: false, deactivated: false, suspended: false }], total: 1 }, "no total: the page's count; a null token: the last page");
  assert.deepEqual(await client.listUsers({ from: 9 }), { users: [], total: 0 });
  const query = new URL(server.requests[0]?.url ?? "", "http://x").searchParams;
  assert.deepEqual([query.get("deactivated"), query.get("locked"), query.get("limit")], ["true", "true", "3"]);
});

test("iterateRooms pages with the next_batch integer, never sends limit=0, and stops if the server does not advance", async (t) => {
  const { client, server } = await serve(t, {
    "GET /_synapse/admin/v1/rooms": (request) => {
      const from = Number(new URL(request.url, "http://x").searchParams.get("from"));
      return json({ rooms: [{ room_id: `!r${from}:hs`, join_rules: "public" }, { name: "no ID" }], total_rooms: 99, next_batch: from === 0 ? 1 : 1 });
    },
  });
  const seen: string[] = [];
  for await (const room of client.iterateRooms(0)) seen.push(room.roomId);
  assert.deepEqual(seen, ["!r0:hs", "!r1:hs"], "an entry without a room ID is skipped");
  assert.ok(server.requests.every((r) => new URL(r.url, "http://x").searchParams.get("limit") === "1"));
});

test("membership calls send the documented bodies to the documented paths", async (t) => {
  const { client, server } = await serve(t, {
    "POST /_synapse/admin/v1/join/%23eng:hs": json({ room_id: "!e:hs" }),
    "POST /_matrix/client/v3/rooms/!e:hs/invite": json({}),
    "POST /_matrix/client/v3/rooms/!e:hs/kick": json({}),
    "POST /_matrix/client/v3/join/%23eng:hs": json({ room_id: "!e:hs" }),
    "POST /_synapse/admin/v1/rooms/%23eng:hs/make_room_admin": json({}),
    "GET /_synapse/admin/v1/users/@bot:hs/override_ratelimit": json({}),
    "POST /_synapse/admin/v1/users/@bot:hs/override_ratelimit": (r) => json(JSON.parse(r.body)),
  });
  assert.equal(await client.adminJoin("#eng:hs", "@a:hs"), "!e:hs");
  await client.invite("!e:hs", "@z:remote", "declared in rooms/eng.yaml");
  await client.kick("!e:hs", "@x:hs");
  assert.equal(await client.clientJoin("#eng:hs", ["hs"]), "!e:hs");
  await client.makeRoomAdmin("#eng:hs");
  await client.makeRoomAdmin("#eng:hs", "@a:hs");
  assert.equal(await client.getRatelimitOverride("@bot:hs"), null);
  await client.setRatelimitOverride("@bot:hs");
  assert.deepEqual(
    server.requests.map((r) => `${r.method} ${r.url} ${r.body}`),
    [
      'POST /_synapse/admin/v1/join/%23eng:hs {"user_id":"@a:hs"}',
      'POST /_matrix/client/v3/rooms/!e:hs/invite {"user_id":"@z:remote","reason":"declared in rooms/eng.yaml"}',
      'POST /_matrix/client/v3/rooms/!e:hs/kick {"user_id":"@x:hs"}',
      "POST /_matrix/client/v3/join/%23eng:hs?server_name=hs&via=hs {}",
      "POST /_synapse/admin/v1/rooms/%23eng:hs/make_room_admin {}",
      'POST /_synapse/admin/v1/rooms/%23eng:hs/make_room_admin {"user_id":"@a:hs"}',
      "GET /_synapse/admin/v1/users/@bot:hs/override_ratelimit ",
      'POST /_synapse/admin/v1/users/@bot:hs/override_ratelimit {"messages_per_second":0,"burst_count":0}',
    ],
  );
});

test("serverVersion and whoami read their answers; an answer without what they need says so", async (t) => {
  const { client } = await serve(t, {
    "GET /_synapse/admin/v1/server_version": json({ server_version: "1.157.1 (b=develop, abc123)" }),
    "GET /_matrix/client/v3/account/whoami": json({ user_id: "@admin:hs", is_guest: false, device_id: "D" }),
  });
  assert.equal(await client.serverVersion(), "1.157.1 (b=develop, abc123)");
  assert.deepEqual(await client.whoami(), { userId: "@admin:hs" });
  const bare = await serve(t, { "GET /_synapse/admin/v1/server_version": json({}), "GET /_matrix/client/v3/account/whoami": json({ device_id: "D" }) });
  assert.equal(await bare.client.serverVersion(), "unknown");
  await assert.rejects(bare.client.whoami(), (e: Error & { hint?: string }) => e.message === "the homeserver answered whoami without a user_id" && /points at a Synapse homeserver/.test(e.hint ?? ""));
});

test("resolveAlias keeps only string servers, and an answer without a room ID is an error naming the alias", async (t) => {
  const { client } = await serve(t, {
    "GET /_matrix/client/v3/directory/room/%23eng:hs": json({ room_id: "!e:hs", servers: ["hs", 7, null] }),
    "GET /_matrix/client/v3/directory/room/%23bare:hs": json({ room_id: "!b:hs" }),
    "GET /_matrix/client/v3/directory/room/%23odd:hs": json({ servers: ["hs"] }),
  });
  assert.deepEqual(await client.resolveAlias("#eng:hs"), { roomId: "!e:hs", servers: ["hs"] });
  assert.deepEqual(await client.resolveAlias("#bare:hs"), { roomId: "!b:hs", servers: [] });
  await assert.rejects(client.resolveAlias("#odd:hs"), (e: Error & { hint?: string }) => e.message === "the homeserver resolved #odd:hs without a room_id" && /points at a Synapse homeserver/.test(e.hint ?? ""));
});

test("isServerAdmin: v2's null user is not an admin; a 403 with another errcode and a 5xx M_UNRECOGNIZED are not answers about admin", async (t) => {
  const unrecognizedV1 = json({ errcode: "M_UNRECOGNIZED", error: "Unrecognized request" }, 404);
  const { client } = await serve(t, {
    "GET /_synapse/admin/v1/users/@gone:hs/admin": unrecognizedV1,
    "GET /_synapse/admin/v2/users/@gone:hs": notFound("User not found"),
    "GET /_synapse/admin/v1/users/@odd:hs/admin": json({ errcode: "M_USER_LOCKED", error: "locked" }, 403),
    "GET /_synapse/admin/v1/users/@proxy:hs/admin": json({ errcode: "M_UNRECOGNIZED", error: "bad gateway" }, 500),
    "GET /_synapse/admin/v1/users/@weird:hs/admin": unrecognizedV1,
    "GET /_synapse/admin/v2/users/@weird:hs": json({ errcode: "M_FORBIDDEN", error: "teapot" }, 418),
  });
  assert.equal(await client.isServerAdmin("@gone:hs"), false);
  await assert.rejects(client.isServerAdmin("@odd:hs"), (e) => e instanceof HomeserverError && e.errcode === "M_USER_LOCKED");
  await assert.rejects(client.isServerAdmin("@proxy:hs"), (e) => e instanceof HomeserverError && e.status === 500);
  await assert.rejects(client.isServerAdmin("@weird:hs"), (e) => e instanceof HomeserverError && e.status === 418);
});

test("the rate-limit override: either field alone is an override, the other read as 0", async (t) => {
  const { client } = await serve(t, {
    "GET /_synapse/admin/v1/users/@a:hs/override_ratelimit": json({ messages_per_second: 5 }),
    "GET /_synapse/admin/v1/users/@b:hs/override_ratelimit": json({ burst_count: 3 }),
    "GET /_synapse/admin/v1/users/@c:hs/override_ratelimit": json({ messages_per_second: 0, burst_count: 0 }),
  });
  assert.deepEqual(await client.getRatelimitOverride("@a:hs"), { messagesPerSecond: 5, burstCount: 0 });
  assert.deepEqual(await client.getRatelimitOverride("@b:hs"), { messagesPerSecond: 0, burstCount: 3 });
  assert.deepEqual(await client.getRatelimitOverride("@c:hs"), { messagesPerSecond: 0, burstCount: 0 });
});

test("sends count their attempts for the caller, a join without servers sends no query, and a missing event ID reads as empty", async (t) => {
  const { client, server } = await serve(t, {
    "POST /_matrix/client/v3/rooms/!e:hs/invite": json({}),
    "POST /_matrix/client/v3/rooms/!e:hs/kick": json({}),
    "POST /_matrix/client/v3/join/!e:hs": json({}),
    "PUT /_matrix/client/v3/rooms/!e:hs/state/m.room.power_levels": json({}),
    "PUT /_matrix/client/v3/rooms/!e:hs/send/m.room.message/t1": json({}),
  });
  const stats = { attempts: 0, rateLimitWaitMs: 0 };
  await client.invite("!e:hs", "@z:remote", undefined, stats);
  await client.kick("!e:hs", "@x:hs", undefined, stats);
  await client.setPowerLevels("!e:hs", { users: {} }, stats);
  assert.equal(stats.attempts, 3);
  assert.equal(await client.clientJoin("!e:hs"), "!e:hs");
  assert.equal(server.requests.at(-1)?.url, "/_matrix/client/v3/join/!e:hs");
  assert.equal(await client.setPowerLevels("!e:hs", { users: {} }), "");
  assert.equal(await client.sendMessage("!e:hs", { body: "hi" }, "t1"), "");
});
