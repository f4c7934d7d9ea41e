import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, writeFile, chmod, mkdir, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { isLoopbackHost, parseSeconds, resolveConnection } from "../../src/homeserver/connection.js";
import { UserError } from "../../src/errors.js";

const URL_ENV = { MATRIX_HOMESERVER_URL: "https://matrix.example.org/" };

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "roster-conn-"));
}

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected a refusal");
}

test("env gives URL and token; the URL loses its trailing slash; defaults for timeout and wait", async () => {
  const settings = await resolveConnection({}, { ...URL_ENV, MATRIX_ADMIN_TOKEN: "syt_abc" }, "/");
  assert.equal(settings.homeserverUrl, "https://matrix.example.org");
  assert.equal(settings.token, "syt_abc");
  assert.equal(settings.tokenSource, "MATRIX_ADMIN_TOKEN");
  assert.deepEqual([settings.requestTimeoutMs, settings.maxWaitMs], [30_000, 600_000]);
});

test("the token is not enumerable: JSON and inspect of the settings do not show it", async () => {
  const settings = await resolveConnection({}, { ...URL_ENV, MATRIX_ADMIN_TOKEN: "syt_secret" }, "/");
  assert.ok(!JSON.stringify(settings).includes("syt_secret"));
  assert.ok(!inspect(settings).includes("syt_secret"));
});

test("flags win over env; --token-file is read relative to cwd and its trailing newline trimmed", async () => {
  const dir = await tempDir();
  await writeFile(join(dir, "token"), "syt_fromfile\n");
  const settings = await resolveConnection(
    { homeserver: "https://other.example/matrix/", "token-file": "token", "request-timeout": "1.5", "max-wait": "0" },
    { ...URL_ENV, MATRIX_ADMIN_TOKEN: "syt_env" },
    dir,
  );
  assert.equal(settings.homeserverUrl, "https://other.example/matrix");
  assert.equal(settings.token, "syt_fromfile");
  assert.equal(settings.tokenSource, "--token-file token");
  assert.deepEqual([settings.requestTimeoutMs, settings.maxWaitMs], [1500, 0]);
});

test("MATRIX_ADMIN_TOKEN_FILE names the token file", async () => {
  const dir = await tempDir();
  await writeFile(join(dir, "t"), "  syt_x \r\n");
  const settings = await resolveConnection({}, { ...URL_ENV, MATRIX_ADMIN_TOKEN: "", MATRIX_ADMIN_TOKEN_FILE: join(dir, "t") }, "/");
  assert.equal(settings.token, "syt_x");
});

test("token problems are clear errors that never echo the token", async () => {
  const dir = await tempDir();
  await writeFile(join(dir, "empty"), "\n");
  await writeFile(join(dir, "two-lines"), "syt_secretA\nsyt_secretB\n");
  await mkdir(join(dir, "folder"));
  await writeFile(join(dir, "huge"), `syt_secret${"a".repeat(8192)}`);
  await symlink("loop", join(dir, "loop"));
  const cases: Array<[Record<string, string>, Record<string, string>, RegExp]> = [
    [{}, URL_ENV, /no admin access token given/],
    [{}, { ...URL_ENV, MATRIX_ADMIN_TOKEN: "" }, /MATRIX_ADMIN_TOKEN is set but empty/],
    [{}, { ...URL_ENV, MATRIX_ADMIN_TOKEN: "syt_secret", MATRIX_ADMIN_TOKEN_FILE: "x" }, /both MATRIX_ADMIN_TOKEN and MATRIX_ADMIN_TOKEN_FILE/],
    [{ "token-file": "missing" }, URL_ENV, /token file .*missing does not exist/],
    [{ "token-file": "empty" }, URL_ENV, /token file .*empty is empty/],
    [{ "token-file": "two-lines" }, URL_ENV, /does not look like an access token/],
    [{ "token-file": "folder" }, URL_ENV, /is a directory/],
    [{ "token-file": "huge" }, URL_ENV, /token file .*huge is too large to hold an access token/],
    [{ "token-file": "loop" }, URL_ENV, /token file .*loop cannot be read \(ELOOP\)/],
    [{}, { ...URL_ENV, MATRIX_ADMIN_TOKEN: "syt secret" }, /MATRIX_ADMIN_TOKEN does not look like an access token/],
  ];
  for (const [values, env, expected] of cases) {
    const error = await refusal(resolveConnection(values, env, dir));
    assert.match(error.message, expected);
    assert.ok(error.hint, `a hint for ${error.message}`);
    assert.ok(!`${error.message} ${error.hint}`.includes("syt_secret"), error.message);
  }
});

test("an unreadable token file is a clear error that never echoes the token", { skip: process.getuid?.() === 0 ? "running as root: every file is readable, so permission denied cannot happen" : false }, async () => {
  const dir = await tempDir();
  await writeFile(join(dir, "locked"), "syt_secret");
  await chmod(join(dir, "locked"), 0o000);
  const error = await refusal(resolveConnection({ "token-file": "locked" }, URL_ENV, dir));
  assert.match(error.message, /cannot be read \(permission denied\)/);
  assert.ok(error.hint, `a hint for ${error.message}`);
  assert.ok(!`${error.message} ${error.hint}`.includes("syt_secret"), error.message);
});

test("URL problems: missing, invalid, wrong scheme, credentials or query (not echoed)", async () => {
  const token = { MATRIX_ADMIN_TOKEN: "t" };
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{}, /no homeserver given/],
    [{ MATRIX_HOMESERVER_URL: "matrix.example.org" }, /MATRIX_HOMESERVER_URL is not a valid URL/],
    [{ MATRIX_HOMESERVER_URL: "ftp://matrix.example.org" }, /must start with https:\/\//],
    [{ MATRIX_HOMESERVER_URL: "https://matrix.example.org/?access_token=syt_secret" }, /must not contain a user name, password, query string/],
    [{ MATRIX_HOMESERVER_URL: "https://bot:syt_secret@matrix.example.org" }, /must not contain a user name, password/],
    [{ MATRIX_HOMESERVER_URL: "https://:syt_secret@matrix.example.org" }, /must not contain a user name, password/],
    [{ MATRIX_HOMESERVER_URL: "https://matrix.example.org/#syt_secret" }, /must not contain a user name, password, query string or fragment/],
  ];
  for (const [env, expected] of cases) {
    const error = await refusal(resolveConnection({}, { ...env, ...token }, "/"));
    assert.match(error.message, expected);
    assert.ok(!error.message.includes("syt_secret"));
  }
});

test("http:// is refused off loopback unless --allow-insecure-http", async () => {
  const env = { MATRIX_ADMIN_TOKEN: "t" };
  const error = await refusal(resolveConnection({ homeserver: "http://matrix.example.org" }, env, "/"));
  assert.match(error.message, /refusing to send the admin token over plain http:\/\/ to matrix.example.org/);
  assert.match(error.hint ?? "", /--allow-insecure-http/);
  const allowed = await resolveConnection({ homeserver: "http://matrix.example.org", "allow-insecure-http": true }, env, "/");
  assert.equal(allowed.homeserverUrl, "http://matrix.example.org");
  for (const url of ["http://127.0.0.1:8008", "http://127.3.4.5", "http://localhost:8008", "http://[::1]:8008"]) {
    assert.equal((await resolveConnection({ homeserver: url }, env, "/")).homeserverUrl, url);
  }
});

test("loopback detection", () => {
  const yes = ["127.0.0.1", "127.255.0.9", "localhost", "LOCALHOST", "[::1]", "::1", "0:0:0:0:0:0:0:1", "app.localhost"];
  const no = ["128.0.0.1", "10.0.0.1", "example.org", "localhost.example.org", "[::2]", "127.0.0.1.nip.io"];
  for (const host of yes) assert.equal(isLoopbackHost(host), true, host);
  for (const host of no) assert.equal(isLoopbackHost(host), false, host);
});

test("durations: seconds, decimals and units; bad values are refused with the flag's name", () => {
  assert.equal(parseSeconds("30", "--request-timeout", 1, false), 30_000);
  assert.equal(parseSeconds("500ms", "--request-timeout", 1, false), 500);
  assert.equal(parseSeconds("10m", "--max-wait", 1, true), 600_000);
  assert.equal(parseSeconds("1.25", "--request-timeout", 1, false), 1250);
  assert.equal(parseSeconds(" 2.5m ", "--max-wait", 1, true), 150_000);
  assert.equal(parseSeconds("0.0015", "--request-timeout", 1, false), 2, "whole milliseconds");
  assert.equal(parseSeconds(undefined, "--max-wait", 7, true), 7);
  assert.throws(() => parseSeconds("0", "--request-timeout", 1, false), /--request-timeout expects a duration in seconds greater than 0/);
  assert.throws(() => parseSeconds("soon", "--max-wait", 1, true), /--max-wait expects a duration in seconds, e.g. --max-wait 30 \(got "soon"\)/);
});
