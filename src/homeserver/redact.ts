/** Replaces every copy of a secret (raw or URL/JSON-escaped) in server-sent text. */
export type Redactor = (text: string) => string;

export const REDACTED = "[REDACTED]";

export function createRedactor(secret: string): Redactor {
  const jsonEscaped = JSON.stringify(secret).slice(1, -1);
  // Some encoders (PHP's json_encode, some proxies) also write "/" as "\/".
  const forms = [...new Set([secret, encodeURIComponent(secret), jsonEscaped, secret.replace(/\//g, "\\/"), jsonEscaped.replace(/\//g, "\\/")])]
    .filter((form) => form.length > 0)
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let result = text;
    for (const form of forms) result = result.split(form).join(REDACTED);
    return result;
  };
}

/** Applies a redactor to every string (keys included) inside a parsed JSON value. */
export function redactJson(value: unknown, redact: Redactor): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, redact));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[redact(key)] = redactJson(item, redact);
    return out;
  }
  return value;
}
