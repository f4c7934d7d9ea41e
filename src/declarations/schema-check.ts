/**
 * Validates one file's tree against schemas/rooms.schema.json (ajv, allErrors) and maps each error to
 * the exact YAML node. Identifier grammar errors (pattern, propertyNames, maxLength) are left to the rules
 * in identifiers.ts, which check the same grammar and say precisely what is wrong; reporting both would
 * say the same thing twice.
 */

import type { ErrorObject } from "ajv/dist/2020.js";
import type { Diagnostic } from "./diagnostic.js";
import { roomsValidator } from "./rooms-validator.js";
import { didYouMean } from "./suggest.js";
import { locate, pointerSegments, toPlain } from "./yaml-lookup.js";
import type { YamlNode } from "./yaml-tree.js";

export { roomsSchemaUrl } from "./rooms-validator.js";

const leftToIdentifierRules = new Set(["pattern", "propertyNames", "maxLength"]);
/** `if` only says that its `then` failed: the errors of the `then` say what is wrong. */
const saysNothing = new Set(["if"]);
const rootKeys = ["server_name", "groups", "rooms"];
const roomKeys = ["members", "groups", "prune", "prune_power"];
const entryKeys: Readonly<Record<string, string[]>> = { members: ["user", "power"], groups: ["group", "power"] };

export function checkSchema(file: string, root: YamlNode): Diagnostic[] {
  const { validate } = roomsValidator();
  if (validate(toPlain(root))) return [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    if (leftToIdentifierRules.has(error.keyword) || saysNothing.has(error.keyword)) continue;
    const diagnostic = describeError(file, root, error);
    const key = `${diagnostic.line}:${diagnostic.column}:${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

function describeError(file: string, root: YamlNode, error: ErrorObject): Diagnostic {
  const segments = pointerSegments(error.instancePath);
  if (error.keyword === "additionalProperties") {
    const key = String((error.params as { additionalProperty?: unknown }).additionalProperty);
    const allowed = segments.length === 0 ? rootKeys : segments.length === 4 ? (entryKeys[segments[2] ?? ""] ?? []) : roomKeys;
    const where = segments.length === 0 ? "at the top level" : `in ${describePath(segments)}`;
    const pos = locate(root, [...segments, key], true);
    return { ...pos, file, code: "schema", message: `unknown key "${key}" ${where}${didYouMean(key, allowed)} (allowed: ${allowed.join(", ")})` };
  }
  const pos = locate(root, segments);
  if (segments.at(-1) === "power") return { ...pos, file, code: "schema", message: describePowerProblem(segments, nodeAt(root, segments)) };
  if (error.keyword === "required") {
    const key = String((error.params as { missingProperty?: unknown }).missingProperty);
    return { ...pos, file, code: "schema", message: `${describePath(segments)} needs "${key}:" (the ${key} it gives a power level to), e.g. {${key}: ${key === "user" ? "bob" : "leads"}, power: moderator}` };
  }
  if (error.keyword === "type") {
    const expected = String((error.params as { type?: unknown }).type);
    return { ...pos, file, code: "schema", message: `${describePath(segments)} must be ${describeType(expected)}${typeHint(root, segments, expected)}` };
  }
  return { ...pos, file, code: "schema", message: `${describePath(segments)}: ${error.message ?? "does not match the schema"}` };
}

function describePowerProblem(segments: readonly string[], node: YamlNode | undefined): string {
  const value = node?.kind === "scalar" ? node.value : undefined;
  const written = node?.kind === "seq" ? "a list" : node?.kind === "map" ? "a mapping" : typeof value === "string" ? `"${value}"` : String(value);
  const what = `${describePath(segments)} is ${written}`;
  if (typeof value === "number" && Number.isInteger(value)) return `${what}, outside Matrix's range of power levels (−9007199254740991 to 9007199254740991)`;
  const fix = "use moderator (50), admin (100) or a whole number such as 25";
  if (typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value)) return `${what}: write the number without quotes (power: ${value.trim()})`;
  return `${what}: ${fix}${typeof value === "string" ? didYouMean(value, ["moderator", "admin"]) : ""}`;
}

/** Names a place in the file the way a person would: `member 2 of room "#general"`. */
export function describePath(segments: readonly string[]): string {
  const [section, name, field, index, key] = segments;
  if (section === undefined) return "the file";
  if (section === "server_name") return "server_name";
  if (name === undefined) return `"${section}"`;
  const owner = section === "rooms" ? `room "${name}"` : section === "groups" ? `group "${name}"` : `"${section}.${name}"`;
  if (section === "groups") return field === undefined ? owner : `member ${Number(field) + 1} of ${owner}`;
  if (field === undefined) return owner;
  if (index === undefined) return `"${field}" of ${owner}`;
  const entry = `${field === "groups" ? "group" : "member"} ${Number(index) + 1} of ${owner}`;
  return key === undefined ? entry : `"${key}" of ${entry}`;
}

function describeType(type: string): string {
  switch (type) {
    case "object":
      return "a mapping (key: value lines)";
    case "array":
      return "a list";
    case "boolean":
      return "true or false";
    default:
      return `a ${type}`;
  }
}

function nodeAt(root: YamlNode, segments: readonly string[]): YamlNode | undefined {
  let node: YamlNode | undefined = root;
  for (const segment of segments) {
    if (node?.kind === "map") node = node.entries.find((e) => e.key === segment)?.value;
    else if (node?.kind === "seq") node = node.items[Number(segment)];
  }
  return node;
}

function typeHint(root: YamlNode, segments: readonly string[], expected: string): string {
  const node = nodeAt(root, segments);
  if (node?.kind !== "scalar" || node.value === null) return "";
  if (expected === "boolean" && typeof node.value === "string") return ` (YAML 1.2 reads ${node.value} as text)`;
  if (expected !== "string") return "";
  return `: YAML read ${String(node.value)} as a ${typeof node.value}; quote it ("${String(node.value)}")`;
}
