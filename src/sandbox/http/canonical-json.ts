import { refuse, type Refusal } from "../state/refusal.js";

const maxCanonicalInt = 2n ** 53n - 1n;

/**
 * validate_canonicaljson on a JSON text already known to parse (room versions 6+, reference §14.2
 * step 10): the first float or out-of-range integer in document order, as Python meets them. Reads
 * the text, not the parsed value, because JSON.parse cannot tell 1.0 from 1 nor keep 2^53 + 1.
 */
export function checkCanonicalJson(text: string): Refusal | undefined {
  for (const token of numberTokens(text)) {
    if (/[.eE]/.test(token)) return refuse(400, "M_BAD_JSON", "Bad JSON value: float");
    const value = BigInt(token);
    if (value > maxCanonicalInt || value < -maxCanonicalInt) return refuse(400, "M_BAD_JSON", "JSON integer out of range");
  }
  return undefined;
}

/** Every number literal outside strings, in order. */
function* numberTokens(text: string): Generator<string> {
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? "";
    if (char === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      i++;
    } else if (char === "-" || (char >= "0" && char <= "9")) {
      const start = i;
      while (i < text.length && /[-+0-9.eE]/.test(text[i] ?? "")) i++;
      yield text.slice(start, i);
    } else {
      i++;
    }
  }
}
