import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** An answer as received: status, a header getter and the body as text. */
export interface RawAnswer {
  status: number;
  header(name: string): string | null;
  text: string;
}

export interface SendSpec {
  method: string;
  /** Path and query, appended to the base URL's path. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** Raised when the timeout fired; anything else rejected is the socket's own error (with its `code`). */
export class SendTimeout extends Error {
  constructor() {
    super("request timed out");
  }
}

export type Send = (spec: SendSpec) => Promise<RawAnswer>;

/**
 * One request over node:http(s) with keep-alive sockets. Chosen over fetch for its cost: at the scale of
 * the benchmark (thousands of requests a minute) fetch spent about twice the CPU per request. Redirects
 * are never followed (node:http has no such feature). Idle sockets do not keep the process alive.
 */
export function createSend(baseUrl: string): Send {
  const secure = baseUrl.startsWith("https:");
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const open = secure ? httpsRequest : httpRequest;
  // Parsed once: parsing the URL of every request showed in the profile.
  const base = new URL(baseUrl);
  const target = { protocol: base.protocol, hostname: base.hostname.replace(/^\[(.*)\]$/, "$1"), port: base.port, agent };
  const prefix = base.pathname.replace(/\/+$/, "");
  return (spec) =>
    new Promise<RawAnswer>((resolve, reject) => {
      const headers = spec.body !== undefined ? { ...spec.headers, "content-length": String(Buffer.byteLength(spec.body)) } : spec.headers;
      const request = open({ ...target, method: spec.method, path: `${prefix}${spec.path}`, headers });
      const timer = setTimeout(() => request.destroy(new SendTimeout()), spec.timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      request.on("error", fail);
      request.on("response", (response: IncomingMessage) => {
        // Decoded chunk by chunk and joined once: a large answer (a 20,000-member room's state) never
        // becomes one more large Buffer to copy and decode.
        const chunks: string[] = [];
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => chunks.push(chunk));
        response.on("error", fail);
        response.on("close", () => {
          if (!response.complete) return fail(Object.assign(new Error("the answer was cut off"), { code: "ECONNRESET" }));
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, header: (name) => headerValue(response.headers, name), text: chunks.join("") });
        });
      });
      request.end(spec.body);
    });
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}
