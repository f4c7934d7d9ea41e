import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticate } from "./http/auth.js";
import { faultBody, takeFault, type Fault } from "./http/faults.js";
import { compileRoutes, matchRoute } from "./http/router.js";
import type { Reply, SandboxRequest } from "./http/types.js";
import { allRoutes } from "./handlers/index.js";
import type { SandboxState } from "./state/model.js";
import { isRefusal, Refusal } from "./state/refusal.js";

export interface ServerOptions {
  host: string;
  port: number;
  latencyMs: number;
  /** Synapse pauses 0.5 s before every 429; off (0) by default so tests stay fast. */
  rateLimitDelayMs: number;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  faults: Fault[];
  counts: Map<string, number>;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

const compiled = compileRoutes(allRoutes);

export async function listen(state: SandboxState, options: ServerOptions): Promise<RunningServer> {
  const faults: Fault[] = [];
  const counts = new Map<string, number>();
  // Each pending sleep's early wake-up (close() wakes them all); a plain function, cheaper than an AbortController per request.
  const pending = new Set<() => void>();
  let latencyMs = options.latencyMs;
  let closing = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || closing) return resolve();
      const timer = setTimeout(done, ms);
      pending.add(done);
      function done() {
        clearTimeout(timer);
        pending.delete(done);
        resolve();
      }
    });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const queryAt = url.indexOf("?");
    const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
    const match = matchRoute(compiled, method, rawPath);
    const routeKey = match.kind === "found" ? `${method} ${match.route.path}` : `${method} (unrecognized)`;
    counts.set(routeKey, (counts.get(routeKey) ?? 0) + 1);
    const fault = takeFault(faults, routeKey, `${method} ${rawPath}`);
    await sleep(latencyMs);
    if (fault?.hangMs) await sleep(fault.hangMs);
    const dropConnection = () => {
      options.log?.(`${method} ${rawPath} -> dropped`);
      req.socket.destroy();
    };
    if (closing || (fault?.drop && !fault.after)) return dropConnection();
    let reply: Reply | Refusal;
    if (fault?.status && !fault.after) reply = faultBody(fault);
    else if (match.kind === "unknown") reply = new Refusal(404, "M_UNRECOGNIZED", "Unrecognized request");
    else if (match.kind === "wrong-method") reply = new Refusal(405, "M_UNRECOGNIZED", "Unrecognized request");
    else {
      const request: SandboxRequest = {
        method,
        rawPath,
        params: match.params,
        query: new URLSearchParams(queryAt < 0 ? "" : url.slice(queryAt + 1)),
        headers: req.headersDistinct,
        body,
      };
      const requester = authenticate(state, request, match.route.auth);
      reply = isRefusal(requester) ? requester : runHandler(() => match.route.handle(request, { state, requester }));
    }
    if (fault?.after && fault.drop) return dropConnection();
    if (fault?.after && fault.status) reply = faultBody(fault);
    if (isRefusal(reply) && reply.status === 429 && !fault) await sleep(options.rateLimitDelayMs);
    const answer = isRefusal(reply) ? { status: reply.status, body: reply.body(), headers: reply.headers } : reply;
    const errcode = isRefusal(reply) ? ` ${reply.errcode}` : "";
    options.log?.(`${method} ${rawPath} -> ${answer.status}${errcode}`);
    const text = JSON.stringify(answer.body);
    res.writeHead(answer.status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...answer.headers });
    res.end(text);
  }

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ errcode: "M_UNKNOWN", error: "Internal server error" }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    faults,
    counts,
    setLatency: (ms) => void (latencyMs = ms),
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const wake of [...pending]) wake();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An exception in a handler is Synapse's uncaught-exception answer, not a crash of the sandbox. */
function runHandler(handle: () => Reply | Refusal): Reply | Refusal {
  try {
    return handle();
  } catch {
    return new Refusal(500, "M_UNKNOWN", "Internal server error");
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
