// @ts-nocheck
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

  /** Resolves once `deadline` (a performance.now() time) has passed: never early, even by a timer's rounding. */
  const sleepUntil = async (deadline: number) => {
    for (let left = deadline - performance.now(); left > 0 && !closing; left = deadline - performance.now()) await sleep(Math.ceil(left));
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The latency counts from the request's arrival and includes the sandbox's own work: an answer leaves
    // `latencyMs` after its request came in, as from a server whose every answer takes that long.
    const arrived = performance.now();
    const body = await readBody(req);
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const queryAt = url.indexOf("?");
    const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
    const match = matchRoute(compiled, method, rawPath);
    const routeKey = match.kind === "found" ? `${method} ${match.route.path}` : `${method} (unrecognized)`;
    counts.set(routeKey, (counts.get(routeKey) ?? 0) + 1);
    const fault = takeFault(faults, routeKey, `${method} ${rawPath}`);
    // A fault that strikes before the server acts (not `after`) keeps the handler from running at all.
    const failsBefore = fault !== undefined && !fault.after && (fault.drop === true || fault.status !== undefined);
    // The answer is made (and serialized) on arrival, so that only the sending waits for the latency.
    const act = () => (failsBefore || closing ? undefined : prepare(handle(match, { method, rawPath, url, queryAt, headers: req.headersDistinct, body })));
    // A hanging request is served (if at all) only once its hang is over.
    let answer = fault?.hangMs ? undefined : act();
    await sleepUntil(arrived + latencyMs);
    if (fault?.hangMs) {
      await sleep(fault.hangMs);
      answer = act();
    }
    const dropConnection = () => {
      options.log?.(`${method} ${rawPath} -> dropped`);
      req.socket.destroy();
    };
    if (closing || fault?.drop) return dropConnection();
    if (fault?.status) answer = prepare(faultBody(fault));
    if (answer === undefined) return dropConnection();
    if (answer.status === 429 && !fault) await sleep(options.rateLimitDelayMs);
    options.log?.(`${method} ${rawPath} -> ${answer.status}${answer.errcode ? ` ${answer.errcode}` : ""}`);
    res.writeHead(answer.status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(answer.text), ...answer.headers });
    res.end(answer.text);
  }

  function handle(match: ReturnType<typeof matchRoute>, raw: Omit<SandboxRequest, "params" | "query"> & { url: string; queryAt: number }): Reply | Refusal {
    if (match.kind === "unknown") return new Refusal(404, "M_UNRECOGNIZED", "Unrecognized request");
    if (match.kind === "wrong-method") return new Refusal(405, "M_UNRECOGNIZED", "Unrecognized request");
    const request: SandboxRequest = {
      method: raw.method,
      rawPath: raw.rawPath,
      params: match.params,
      query: new URLSearchParams(raw.queryAt < 0 ? "" : raw.url.slice(raw.queryAt + 1)),
      headers: raw.headers,
      body: raw.body,
    };
    const requester = authenticate(state, request, match.route.auth);
    return isRefusal(requester) ? requester : runHandler(() => match.route.handle(request, { state, requester }));
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

interface PreparedAnswer {
  status: number;
  text: string;
  headers?: Record<string, string> | undefined;
  errcode?: string;
}

function prepare(reply: Reply | Refusal): PreparedAnswer {
  if (isRefusal(reply)) return { status: reply.status, text: JSON.stringify(reply.body()), headers: reply.headers, errcode: reply.errcode };
  return { status: reply.status, text: JSON.stringify(reply.body), headers: reply.headers };
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
