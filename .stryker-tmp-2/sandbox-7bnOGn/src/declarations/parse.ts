/**
 * The pure core of reading declarations: file texts in, Desired + every problem out. No file system, no
 * clock: the CLI feeds it files read from disk (load.ts), PR attribution feeds it files from `git show`.
 */
// @ts-nocheck


import { combineDeclarations, compare, comparePos } from "./combine.js";
import type { Diagnostic } from "./diagnostic.js";
import { extractDeclarations, type FileDecl } from "./extract.js";
import type { Desired } from "./model.js";
import { checkSchema } from "./schema-check.js";
import { formatPos } from "./diagnostic.js";
import { MAX_TOTAL_NODES, estimateNodes, parseYamlFile, type YamlNode } from "./yaml-tree.js";

export interface DeclarationFile {
  /** Relative to the working directory, e.g. `rooms/company.yaml`; used in every position. */
  path: string;
  /** The file's text (already decoded; see decodeDeclarationBytes for bytes). */
  text: string;
}

export interface ParseResult {
  /** Meaningful only when diagnostics is empty (see Desired). */
  desired: Desired;
  /** Every problem found, sorted by file, line, column. Empty means valid. */
  diagnostics: Diagnostic[];
}

/** Parses, validates (schema + cross-file rules) and expands a set of declaration files. Never throws for bad input. */
export function parseDeclarations(files: readonly DeclarationFile[], limits: { maxTotalNodes?: number } = {}): ParseResult {
  const sorted = [...files].sort((a, b) => compare(a.path, b.path));
  const diagnostics: Diagnostic[] = [];
  const decls: FileDecl[] = [];
  const total = limits.maxTotalNodes ?? MAX_TOTAL_NODES;
  const budget = { left: total, total };
  for (const { path, text } of sorted) {
    const parsed = parseYamlFile(path, text, budget);
    budget.left -= estimateNodes(text);
    diagnostics.push(...parsed.diagnostics);
    const root = parsed.root && !(parsed.root.kind === "scalar" && parsed.root.value === null) ? parsed.root : undefined;
    if (root && parsed.diagnostics.length === 0) {
      diagnostics.push(...checkSchema(path, root), ...findDuplicateKeys(root));
    }
    decls.push(extractDeclarations(path, parsed.diagnostics.length === 0 ? root : undefined));
  }
  const combined = combineDeclarations(decls);
  diagnostics.push(...combined.diagnostics);
  diagnostics.sort(comparePos);
  return { desired: combined.desired, diagnostics };
}

/** Duplicate keys are errors, except room and group names: the cross-file rules report those with better words. */
function findDuplicateKeys(root: YamlNode): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const visited = new Set<YamlNode>();
  const walk = (node: YamlNode, isNamedCollection: boolean) => {
    if (visited.has(node)) return;
    visited.add(node);
    if (node.kind === "seq") node.items.forEach((item) => walk(item, false));
    if (node.kind !== "map") return;
    const first = new Map<string, (typeof node.entries)[number]>();
    for (const entry of node.entries) {
      const earlier = first.get(entry.key);
      if (earlier && !isNamedCollection) {
        diagnostics.push({ ...entry.keyPos, code: "duplicate-key", message: `key "${entry.key}" appears twice in the same mapping (first at ${formatPos(earlier.keyPos)}); keep one`, related: [earlier.keyPos] });
      }
      if (!earlier) first.set(entry.key, entry);
      walk(entry.value, node === root && (entry.key === "rooms" || entry.key === "groups"));
    }
  };
  walk(root, false);
  return diagnostics;
}
