// @ts-nocheck
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One scripted answer: a JSON (or raw) reply, a dropped connection, or no answer at all. */
export type ScriptedReply =
  | { status: number; headers?: Record<string, string>; body?: unknown; rawBody?: string }
  | { drop: true }
  | { hang: true };

export interface RecordedRequest {
  method: string;
  /** The raw request target as received, e.g. `/_matrix/client/v3/directory/room/%23eng:acme.test?x=1`. */
  url: string;
  /** `url` without its query string. */
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Responder = (request: RecordedRequest) => ScriptedReply;

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  /** Queues replies used, in order, before the responder is asked. */
  reply(...replies: ScriptedReply[]): void;
  /** Replaces the fallback responder (default: 404 M_UNRECOGNIZED). */
  respond(responder: Responder): void;
  close(): Promise<void>;
}

export const unrecognized: ScriptedReply = { status: 404, body: { errcode: "M_UNRECOGNIZED", error: "Unrecognized request" } };

/** A real HTTP server on 127.0.0.1, port 0, that answers from a script and records every request. */
export async function startScriptedServer(responder: Responder = () => unrecognized): Promise<ScriptedServer> {
  const queue: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let fallback = responder;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = req.url ?? "/";
      const recorded: RecordedRequest = {
        method: req.method ?? "GET",
        url,
        path: url.split("?")[0] ?? url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      answer(queue.shift() ?? fallback(recorded), req, res);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => queue.push(...replies),
    respond: (next) => (fallback = next),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function answer(reply: ScriptedReply, req: IncomingMessage, res: ServerResponse): void {
  if ("drop" in reply) {
    req.socket.destroy();
    return;
  }
  if ("hang" in reply) return;
  const text = reply.rawBody ?? (reply.body === undefined ? "" : JSON.stringify(reply.body));
  res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
  res.end(text);
}
