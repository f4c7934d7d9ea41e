// @ts-nocheck
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stateful fake of the few GitHub REST endpoints roster uses, on 127.0.0.1, for the real Octokit
 * client: issue comments (listed with Link-header paging, created, updated), commits/{sha}/pulls
 * and the repository. Faults are scripted: `gh.faults.push({ status: 403, ... })` answers the next
 * matching request with it.
 */
export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  html_url: string;
}

export interface FakePull {
  number: number;
  title: string;
  state: "open" | "closed";
  merged_at: string | null;
  merge_commit_sha: string | null;
  base: { ref: string };
}

export interface Fault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Only requests whose "METHOD /path" matches; every request when absent. */
  match?: RegExp;
}

export interface FakeGitHub {
  url: string;
  token: string;
  owner: string;
  repo: string;
  defaultBranch: string;
  /** Comments per issue number, oldest first. */
  comments: Map<number, FakeComment[]>;
  /** Pull requests associated with a commit SHA. */
  pullsByCommit: Map<string, FakePull[]>;
  faults: Fault[];
  /** Every request received, as "METHOD /path?query". */
  requests: string[];
  addComment(issue: number, body: string, login?: string): FakeComment;
  close(): Promise<void>;
}

export const SECONDARY_RATE_LIMIT: Fault = {
  status: 403,
  headers: { "retry-after": "1" },
  body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" },
};

export async function startFakeGitHub(options: { owner?: string; repo?: string; defaultBranch?: string } = {}): Promise<FakeGitHub> {
  let nextId = 1000;
  const fake: Omit<FakeGitHub, "url" | "close"> = {
    token: "ghs_fake-token-for-tests",
    owner: options.owner ?? "acme",
    repo: options.repo ?? "rooms",
    defaultBranch: options.defaultBranch ?? "main",
    comments: new Map(),
    pullsByCommit: new Map(),
    faults: [],
    requests: [],
    addComment(issue, body, login = "github-actions[bot]") {
      const id = nextId++;
      const comment = { id, body, user: { login, type: login.endsWith("[bot]") ? "Bot" : "User" }, html_url: `https://github.test/${fake.owner}/${fake.repo}/pull/${issue}#issuecomment-${id}` };
      fake.comments.set(issue, [...(fake.comments.get(issue) ?? []), comment]);
      return comment;
    },
  };
  const server = createServer((request, response) => {
    void handle(fake, request, response).catch((error: unknown) => send(response, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  });
}

async function handle(fake: Omit<FakeGitHub, "url" | "close">, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "127.0.0.1"}`);
  const route = `${request.method ?? "GET"} ${url.pathname}`;
  fake.requests.push(`${route}${url.search}`);
  const text = await readBody(request);
  if (request.headers.authorization !== `token ${fake.token}`) return send(response, 401, { message: "Bad credentials" });
  const faultIndex = fake.faults.findIndex((fault) => fault.match === undefined || fault.match.test(route));
  if (faultIndex >= 0) {
    const [fault] = fake.faults.splice(faultIndex, 1);
    return send(response, fault?.status ?? 500, fault?.body ?? { message: "scripted fault" }, fault?.headers);
  }
  const repoPrefix = `/repos/${fake.owner}/${fake.repo}`;
  let match: RegExpExecArray | null;
  if (route === `GET ${repoPrefix}`) {
    return send(response, 200, { full_name: `${fake.owner}/${fake.repo}`, default_branch: fake.defaultBranch });
  }
  if ((match = new RegExp(`^GET ${repoPrefix}/issues/(\\d+)/comments$`).exec(route))) {
    return sendPage(response, url, fake.comments.get(Number(match[1])) ?? []);
  }
  if ((match = new RegExp(`^POST ${repoPrefix}/issues/(\\d+)/comments$`).exec(route))) {
    const body = readCommentBody(text);
    if (typeof body !== "string") return send(response, 422, body);
    return send(response, 201, fake.addComment(Number(match[1]), body));
  }
  if ((match = new RegExp(`^PATCH ${repoPrefix}/issues/comments/(\\d+)$`).exec(route))) {
    const comment = [...fake.comments.values()].flat().find((candidate) => candidate.id === Number(match?.[1]));
    if (comment === undefined) return send(response, 404, { message: "Not Found" });
    const body = readCommentBody(text);
    if (typeof body !== "string") return send(response, 422, body);
    comment.body = body;
    return send(response, 200, comment);
  }
  if ((match = new RegExp(`^GET ${repoPrefix}/commits/([0-9a-f]{7,40})/pulls$`).exec(route))) {
    const pulls = fake.pullsByCommit.get(match[1] ?? "") ?? [];
    return sendPage(response, url, pulls.map((pull) => ({ ...pull, html_url: `https://github.test/${fake.owner}/${fake.repo}/pull/${pull.number}` })));
  }
  return send(response, 404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
}

/** GitHub's check: at most 65,536 characters (code points). */
function readCommentBody(text: string): string | { message: string; errors: unknown[] } {
  const body = (JSON.parse(text || "{}") as { body?: unknown }).body;
  if (typeof body !== "string") return { message: "Invalid request.", errors: [{ message: "body is missing" }] };
  if ([...body].length > 65_536) {
    return { message: "Validation Failed", errors: [{ resource: "IssueComment", code: "unprocessable", field: "data", message: "Body is too long (maximum is 65536 characters)" }] };
  }
  return body;
}

function sendPage(response: ServerResponse, url: URL, items: readonly unknown[]): void {
  const perPage = Math.min(Number(url.searchParams.get("per_page") ?? "30") || 30, 100);
  const page = Math.max(Number(url.searchParams.get("page") ?? "1") || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const links: string[] = [];
  const linkTo = (target: number, rel: string) => {
    const next = new URL(url);
    next.searchParams.set("page", String(target));
    links.push(`<${next.toString()}>; rel="${rel}"`);
  };
  if (page < last) {
    linkTo(page + 1, "next");
    linkTo(last, "last");
  }
  if (page > 1) {
    linkTo(1, "first");
    linkTo(page - 1, "prev");
  }
  send(response, 200, items.slice((page - 1) * perPage, page * perPage), links.length > 0 ? { link: links.join(", ") } : {});
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    request.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    request.on("end", () => resolve(text));
    request.on("error", reject);
  });
}
