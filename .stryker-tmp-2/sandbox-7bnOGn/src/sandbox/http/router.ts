// @ts-nocheck
import type { Route } from "./types.js";

/** Client API prefixes Synapse accepts (synapse/rest/client/_base.py client_patterns). */
const clientPrefixes = [["api", "v1"], ["r0"], ["v3"], ["unstable"]];
/** whoami is registered without api/v1. */
const clientPrefixesNoV1 = [["r0"], ["v3"], ["unstable"]];

interface CompiledRoute {
  route: Route;
  /** Alternatives of whole segment lists; null marks a parameter. */
  patterns: (string | null)[][];
}

export type Match = { kind: "found"; route: Route; params: string[] } | { kind: "wrong-method" } | { kind: "unknown" };

export function compileRoutes(routes: Route[]): CompiledRoute[] {
  return routes.map((route) => ({ route, patterns: expandTemplate(route.path) }));
}

function expandTemplate(path: string): (string | null)[][] {
  const segments = path.split("/").map((segment) => (segment.startsWith("{") ? null : segment));
  const clientIndex = path.split("/").indexOf("v3");
  if (!path.startsWith("/_matrix/client/") || clientIndex !== 3) return [segments];
  const prefixes = path.endsWith("/account/whoami") ? clientPrefixesNoV1 : clientPrefixes;
  return prefixes.map((prefix) => [...segments.slice(0, 3), ...prefix, ...segments.slice(4)]);
}

/** Matches the raw path segment by segment (`[^/]*`), then decodes each captured parameter. */
export function matchRoute(compiled: CompiledRoute[], method: string, rawPath: string): Match {
  const segments = rawPath.split("/");
  let pathKnown = false;
  for (const { route, patterns } of compiled) {
    for (const pattern of patterns) {
      const params = matchSegments(pattern, segments);
      if (!params) continue;
      if (route.method === method) return { kind: "found", route, params };
      pathKnown = true;
    }
  }
  return pathKnown ? { kind: "wrong-method" } : { kind: "unknown" };
}

function matchSegments(pattern: (string | null)[], segments: string[]): string[] | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i];
    const actual = segments[i] ?? "";
    if (expected === null) params.push(decodeSegment(actual));
    else if (expected !== actual) return undefined;
  }
  return params;
}

/** Like Python's urllib.parse.unquote: a malformed escape is kept as is instead of failing. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment.replace(/%[0-9a-fA-F]{2}/g, (escape) => String.fromCharCode(Number.parseInt(escape.slice(1), 16)));
  }
}
