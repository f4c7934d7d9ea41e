/** A request path built from trusted literal parts and percent-encoded parameters. */
// @ts-nocheck

export interface Route {
  /** As sent, e.g. `/_matrix/client/v3/directory/room/%23eng:acme.test`. */
  path: string;
  /** Parameters replaced by `*`, e.g. `/_matrix/client/v3/directory/room/*`. */
  template: string;
}

/**
 * Tagged template for request paths: every interpolated value is one path segment, percent-encoded.
 * Synapse matches the raw path per segment and decodes each one, so `#` must travel as `%23` (or it
 * starts a fragment) and `/` inside an ID as `%2F`; `@` and `:` are left readable (reference §1).
 *
 *   route`/_synapse/admin/v2/users/${userId}`
 */
export function route(strings: TemplateStringsArray, ...params: string[]): Route {
  let path = strings[0] ?? "";
  let template = path;
  params.forEach((param, index) => {
    const rest = strings[index + 1] ?? "";
    path += encodeSegment(param) + rest;
    template += `*${rest}`;
  });
  return { path, template };
}

export function encodeSegment(value: string): string {
  return encodeURIComponent(value).replace(/%40/g, "@").replace(/%3A/gi, ":");
}

export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** `?a=1&b=x` from defined values (arrays repeat the key); empty string when nothing is set. */
export function buildQuery(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(key, item);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
