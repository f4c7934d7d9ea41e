// @ts-nocheck
import type { SourcePos } from "./model.js";
import type { MapNode, YamlNode } from "./yaml-tree.js";

/** The plain JavaScript value of a node, as the schema validator sees it. First of duplicate keys wins. */
export function toPlain(node: YamlNode): unknown {
  if (node.kind === "scalar") return node.value;
  if (node.kind === "seq") return node.items.map(toPlain);
  const object: Record<string, unknown> = {};
  for (const entry of node.entries) {
    if (Object.hasOwn(object, entry.key)) continue;
    // defineProperty: a key named "__proto__" must stay an ordinary key.
    Object.defineProperty(object, entry.key, { value: toPlain(entry.value), enumerable: true, writable: true, configurable: true });
  }
  return object;
}

export function entryOf(node: MapNode, key: string): MapNode["entries"][number] | undefined {
  return node.entries.find((entry) => entry.key === key);
}

/** Splits a JSON Pointer (ajv's instancePath) into unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * The position of the node at a path of segments: the value's position, or the key's when `atKey`.
 * Stops at the deepest node that exists (a path through an alias ends at the alias's target).
 */
export function locate(root: YamlNode, segments: readonly string[], atKey = false): SourcePos {
  let node = root;
  let keyPos: SourcePos | undefined;
  for (const segment of segments) {
    if (node.kind === "map") {
      const entry = entryOf(node, segment);
      if (!entry) return node.pos;
      keyPos = entry.keyPos;
      node = entry.value;
    } else if (node.kind === "seq") {
      const item = node.items[Number(segment)];
      if (!item) return node.pos;
      keyPos = undefined;
      node = item;
    } else {
      return node.pos;
    }
  }
  return atKey && keyPos ? keyPos : node.pos;
}
