import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { openConnection, StartupCheckError, type ExpectedServer } from "../../src/homeserver/startup-checks.js";
import { HomeserverError, ServerUnreachableError } from "../../src/homeserver/errors.js";
import { startScriptedServer, unrecognized, type ScriptedReply } from "../support/scripted-server.js";
import { createFakeTime } from "../support/fake-time.js";

const TOKEN = "syt_startup_s3cr3t";
const json = (body: unknown, status = 200): ScriptedReply => ({ status, body });

const healthy: Record<string, ScriptedReply> = {
  "GET /_synapse/admin/v1/server_version": json({ server_version: "1.157.1" }),
  "GET /_matrix/client/v3/account/whoami": json({ user_id: "@admin:acme.test", device_id: "D" }),
  "GET /_synapse/admin/v1/users/@admin:acme.test/admin": json({ admin: true }),
};

async function connect(t: { after: (fn: () => Promise<void>) => void }, routes: Record<string, ScriptedReply>, expected: ExpectedServer = {}) {
  const server = await startScriptedServer((request) => routes[`${request.method} ${request.path}`] ?? unrecognized);
  t.after(() => server.close());
  return connectTo(server.url, expected);
}

function connectTo(url: string, expected: ExpectedServer = {}) {
  const time = createFakeTime();
  return openConnection({ homeserver: url }, { MATRIX_ADMIN_TOKEN: TOKEN }, "/", expected, { sleep: time.sleep, now: time.now, random: () => 0 });
}

async function failedCheck(promise: Promise<unknown>): Promise<StartupCheckError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof StartupCheckError, `expected a StartupCheckError, got ${String(error)}`);
    for (const text of [error.message, error.hint ?? "", String(error.stack), JSON.stringify(error)]) assert.ok(!text.includes("s3cr3t"));
    return error;
  }
  assert.fail("expected a failed start-up check");
}

test("all checks pass: identity, server name and version come back", async (t) => {
  const { identity, settings, client } = await connect(t, healthy, { serverName: "acme.test" });
  assert.deepEqual(identity, { userId: "@admin:acme.test", serverName: "acme.test", serverVersion: "1.157.1" });
  assert.equal(settings.tokenSource, "MATRIX_ADMIN_TOKEN");
  assert.equal(client.http.unreachable, false);
});

test("an unreachable server is its own clear error", async () => {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  const error = await failedCheck(connectTo(`http://127.0.0.1:${port}`));
  assert.equal(error.check, "unreachable");
  assert.match(error.message, new RegExp(`cannot reach the homeserver at http://127.0.0.1:${port}: connection refused \\(ECONNREFUSED\\)`));
  assert.match(error.hint ?? "", /MATRIX_HOMESERVER_URL/);
});

test("the first probe gives up after two attempts, so a wrong URL fails in seconds, not minutes", async (t) => {
  let probes = 0;
  const server = await startScriptedServer((request) => (request.path.endsWith("/server_version") ? (probes++, { drop: true }) : unrecognized));
  t.after(() => server.close());
  const error = await failedCheck(connectTo(server.url));
  assert.equal(error.check, "unreachable");
  assert.equal(probes, 2);
});

test("a URL that is not Synapse (no admin API) says so", async (t) => {
  const error = await failedCheck(connect(t, {}));
  assert.equal(error.check, "not_synapse");
  assert.match(error.message, /does not answer like a Synapse homeserver: GET \/_synapse\/admin\/v1\/server_version answered 404 M_UNRECOGNIZED/);
  assert.match(error.hint ?? "", /a reverse proxy may be hiding \/_synapse\/admin/);
});

test("a redirecting URL is refused without following it", async (t) => {
  const error = await failedCheck(connect(t, { "GET /_synapse/admin/v1/server_version": { status: 301, headers: { location: "https://elsewhere.example/_synapse/admin/v1/server_version" } } }));
  assert.equal(error.check, "not_synapse");
  assert.match(error.message, /redirecting to https:\/\/elsewhere.example/);
  assert.match(error.hint ?? "", /Set --homeserver .* to the address that serves Synapse directly/, "the redirect's own hint, not the generic one");
});

test("a failing server (500 from the first probe) is told apart from one that is not Synapse", async (t) => {
  const error = await failedCheck(connect(t, { ...healthy, "GET /_synapse/admin/v1/server_version": json({ errcode: "M_UNKNOWN", error: "Internal server error" }, 500) }));
  assert.equal(error.check, "unreachable");
  assert.match(error.message, /the homeserver at .* is failing: GET \/_synapse\/admin\/v1\/server_version answered 500 M_UNKNOWN/);
  assert.match(error.hint ?? "", /homeserver's logs/);
});

test("whoami failing with a 500 or no answer at all is not blamed on the token", async (t) => {
  const failing = connect(t, { ...healthy, "GET /_matrix/client/v3/account/whoami": json({ errcode: "M_UNKNOWN", error: "Internal server error" }, 500) });
  await assert.rejects(failing, (error: unknown) => error instanceof HomeserverError && !(error instanceof StartupCheckError) && error.status === 500);
  const server = await startScriptedServer((request) => (request.path.endsWith("/whoami") ? { drop: true } : (healthy[`${request.method} ${request.path}`] ?? unrecognized)));
  t.after(() => server.close());
  await assert.rejects(connectTo(server.url), ServerUnreachableError);
});

test("token refusals are told apart by errcode", async (t) => {
  const cases: Array<[ScriptedReply, RegExp, RegExp]> = [
    [json({ errcode: "M_UNKNOWN_TOKEN", error: `Invalid access token passed: ${TOKEN}`, soft_logout: false }, 401), /does not recognise the access token \(M_UNKNOWN_TOKEN\)/, /new access token/],
    [json({ errcode: "M_UNKNOWN_TOKEN", error: "Access token has expired", soft_logout: true }, 401), /access token has expired/, /new access token/],
    [json({ errcode: "M_MISSING_TOKEN", error: "Missing access token" }, 401), /did not receive a usable access token \(M_MISSING_TOKEN\)/, /Authorization header/],
    [json({ errcode: "M_USER_LOCKED", error: "locked", soft_logout: true }, 401), /account is locked/, /Unlock/],
    [json({ errcode: "ORG_MATRIX_EXPIRED_ACCOUNT", error: "User account has expired" }, 403), /account has expired on .* \(ORG_MATRIX_EXPIRED_ACCOUNT\)/, /Renew the account/],
    [json({ errcode: "M_FORBIDDEN", error: "Guest access not allowed" }, 403), /refused the access token: GET \/_matrix\/client\/v3\/account\/whoami answered 403 M_FORBIDDEN: Guest access not allowed/, /new access token/],
  ];
  for (const [reply, message, hint] of cases) {
    const error = await failedCheck(connect(t, { ...healthy, "GET /_matrix/client/v3/account/whoami": reply }));
    assert.equal(error.check, "invalid_token");
    assert.match(error.message, message);
    assert.match(error.hint ?? "", hint);
  }
});

test("a token whose user is not a server admin is refused, naming the user", async (t) => {
  const error = await failedCheck(
    connect(t, { ...healthy, "GET /_synapse/admin/v1/users/@admin:acme.test/admin": json({ errcode: "M_FORBIDDEN", error: "You are not a server admin" }, 403) }),
  );
  assert.equal(error.check, "not_admin");
  assert.match(error.message, /belongs to @admin:acme.test, who is not a server admin/);
});

test("a declared server_name that differs from the token's server is refused; no server_name skips the check", async (t) => {
  const error = await failedCheck(connect(t, healthy, { serverName: "other.test", declaredAt: "rooms/groups.yaml:1:14" }));
  assert.equal(error.check, "server_name_mismatch");
  assert.match(error.message, /declarations are for server_name other.test \(rooms\/groups.yaml:1:14\), but the token belongs to @admin:acme.test/);
  const ok = await connect(t, healthy);
  assert.equal(ok.identity.serverName, "acme.test");
});

test("a server_name with a port is compared whole", async (t) => {
  const routes = {
    ...healthy,
    "GET /_matrix/client/v3/account/whoami": json({ user_id: "@admin:localhost:8448" }),
    "GET /_synapse/admin/v1/users/@admin:localhost:8448/admin": json({ admin: 1 }),
  };
  const { identity } = await connect(t, routes, { serverName: "localhost:8448" });
  assert.equal(identity.serverName, "localhost:8448");
  const error = await failedCheck(connect(t, routes, { serverName: "localhost" }));
  assert.equal(error.check, "server_name_mismatch");
});
