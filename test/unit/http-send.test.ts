import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { createSend, SendTimeout } from "../../src/homeserver/http-send.js";

/** A raw TCP server that answers every request with `answer(socket)`: bytes exactly as written, for cases no HTTP server library would produce. */
async function rawServer(t: { after: (fn: () => Promise<void>) => void }, answer: (socket: Socket) => void): Promise<string> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once("data", () => answer(socket));
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// Generous: on a starved machine (a mutation run at nice 19 beside other jobs) 2 s were seen to pass before an answer.
const get = { method: "GET", path: "/x", headers: {}, timeoutMs: 10_000 };

test("a body in many chunks is decoded as UTF-8 once, a character split across chunks intact and a leading BOM skipped", async (t) => {
  const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"Zoë 🚀"}')]);
  const url = await rawServer(t, (socket) => {
    socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    // One byte at a time: the ë and the rocket arrive split.
    let i = 0;
    const next = () => (i < body.length ? socket.write(body.subarray(i, ++i), () => setImmediate(next)) : undefined);
    next();
  });
  const answer = await createSend(url)(get);
  assert.equal(answer.status, 200);
  assert.equal(answer.text, '{"name":"Zoë 🚀"}');
});

test("an interim 103 answer is skipped; headers are found case-insensitively, repeated ones joined", async (t) => {
  const url = await rawServer(t, (socket) => {
    socket.write("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n");
    socket.write("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\nX-Seen: a\r\nx-seen: b\r\nContent-Length: 2\r\n\r\n{}");
  });
  const answer = await createSend(url)(get);
  assert.equal(answer.status, 429);
  assert.equal(answer.header("retry-after"), "3");
  assert.equal(answer.header("X-SEEN"), "a, b");
  assert.equal(answer.header("location"), null);
  assert.equal(answer.header("link"), null, "the interim answer's headers are not the answer's");
});

test("a connection closed halfway through the body is a socket error with a code, not an answer", async (t) => {
  const url = await rawServer(t, (socket) => {
    socket.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"state\":[");
    setTimeout(() => socket.destroy(), 10);
  });
  const error = await createSend(url)(get).then(
    () => assert.fail("a cut body must not resolve"),
    (e: unknown) => e,
  );
  assert.ok(!(error instanceof SendTimeout));
  assert.match(String((error as { code?: unknown }).code), /^UND_ERR_SOCKET|ECONNRESET$/);
});

test("a body that stalls after the headers runs into the request timeout, and the connection is given up", async (t) => {
  let closed = false;
  const url = await rawServer(t, (socket) => {
    socket.on("close", () => (closed = true));
    socket.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{");
  });
  await assert.rejects(createSend(url)({ ...get, timeoutMs: 50 }), SendTimeout);
  for (let waited = 0; !closed && waited < 10_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(closed, true, "the stalled connection was aborted");
});

test("an answered request leaves no timer behind: a finished run exits at once, not when the timeout would have fired", async (t) => {
  const url = await rawServer(t, (socket) => socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"));
  const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
  const before = timers();
  const answer = await createSend(url)({ ...get, timeoutMs: 20_000 });
  assert.equal(answer.text, "{}");
  assert.equal(timers(), before);
});
