import { createRequire } from "node:module";
import type { Dispatcher, Pool as UndiciPool } from "undici";

/**
 * undici's Pool alone: undici's index loads ~95 modules (fetch, websockets, caches, mocks) that roster
 * never uses; the pool's own ~23 halve what every run pays for loading its HTTP client.
 */
const Pool = createRequire(import.meta.url)("undici/lib/dispatcher/pool.js") as typeof UndiciPool;

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

type Method = "GET" | "POST" | "PUT" | "DELETE";

/**
 * One request over an undici connection pool with keep-alive sockets, through undici's lowest-level
 * `dispatch`: the body is gathered as raw chunks, with no stream, no AbortController and no header
 * object per answer. Chosen for its cost: at the benchmark's scale node:http spent ~0.25 ms of CPU per
 * request, fetch about twice that, undici's request API ~0.1 ms and dispatch about half of that again.
 * Redirects are never followed (dispatch has no redirect handling). Idle sockets do not keep the process
 * alive. Our own timeout is the only one: undici's header and body timeouts are off.
 */
export function createSend(baseUrl: string): Send {
  const base = new URL(baseUrl);
  const pool = new Pool(base.origin, { keepAliveTimeout: 10_000, headersTimeout: 0, bodyTimeout: 0 });
  // Synapse may sit under a path prefix (https://example.org/matrix); parsed once, not per request.
  const prefix = base.pathname.replace(/\/+$/, "");
  return (spec) =>
    new Promise<RawAnswer>((resolve, reject) => {
      const options: Dispatcher.DispatchOptions = { method: spec.method as Method, path: `${prefix}${spec.path}`, headers: spec.headers };
      if (spec.body !== undefined) options.body = spec.body;
      pool.dispatch(options, new AnswerCollector(spec.timeoutMs, resolve, reject));
    });
}

/** undici's handler for one request: collects the status, raw headers and body chunks, enforces the timeout. */
class AnswerCollector implements Dispatcher.DispatchHandlers {
  private status = 0;
  private rawHeaders: Buffer[] = [];
  private readonly chunks: Buffer[] = [];
  private abort: ((error: Error) => void) | undefined;
  private settled = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    timeoutMs: number,
    private readonly resolve: (answer: RawAnswer) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    this.timer = setTimeout(() => this.timeOut(), timeoutMs);
  }

  onConnect(abort: (error?: Error) => void): void {
    // Timed out while still queued for a connection: never send it.
    if (this.settled) abort(new SendTimeout());
    else this.abort = abort;
  }

  /** Called again for the final answer after a 1xx interim one, which it overwrites. */
  onHeaders(statusCode: number, rawHeaders: Buffer[] | string[] | null): boolean {
    this.status = statusCode;
    this.rawHeaders = (rawHeaders ?? []) as Buffer[];
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.finish()) this.resolve({ status: this.status, header: headerGetter(this.rawHeaders), text: decodeUtf8(this.chunks) });
  }

  onError(error: Error): void {
    if (this.finish()) this.reject(error);
  }

  private timeOut(): void {
    if (!this.finish()) return;
    this.reject(new SendTimeout());
    this.abort?.(new SendTimeout());
  }

  /** true the first time only: an answer, an error or the timeout settles the request once. */
  private finish(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.timer);
    return true;
  }
}

/** Header lookup over undici's raw [name, value, name, value…] list, parsed only when asked. */
function headerGetter(raw: readonly (Buffer | string)[]): (name: string) => string | null {
  return (name) => {
    const wanted = name.toLowerCase();
    const values: string[] = [];
    for (let i = 0; i < raw.length; i += 2) {
      if (raw[i]?.toString("latin1").toLowerCase() === wanted) values.push(raw[i + 1]?.toString("utf8") ?? "");
    }
    return values.length === 0 ? null : values.join(", ");
  };
}

/** The body as UTF-8 text, a leading byte order mark skipped (as undici's own `text()` does). */
function decodeUtf8(chunks: readonly Buffer[]): string {
  const buffer = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
  const start = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  return buffer.toString("utf8", start);
}
