/**
 * YAML text -> a tree of nodes that each know their file:line:column. js-yaml 5 has no position-keeping
 * loader, so this builds the tree from its event stream (`parseEvents`, offsets into the source).
 *
 * Hostile input is bounded here: the text is capped at MAX_FILE_BYTES before parsing, nesting at
 * MAX_DEPTH, and the number of nodes the document holds once aliases are expanded at MAX_NODES (an
 * alias bomb is refused while it is being read, before anything is expanded).
 */
// @ts-nocheck


import { CORE_SCHEMA, EVENT_ID, SCALAR_STYLE, YAMLException, getScalarValue, parseEvents, type Event, type ScalarEvent } from "js-yaml";
import type { Diagnostic } from "./diagnostic.js";
import type { SourcePos } from "./model.js";
import { LineIndex, startOfFile } from "./positions.js";

export const MAX_FILE_BYTES = 1024 * 1024;
/** Per file, counting aliases expanded. A real file has a few thousand; 20,000 users in one group is 20,000. */
export const MAX_NODES = 50_000;
/** For the whole tree, so many files just under the per-file limit cannot add up to minutes. */
export const MAX_TOTAL_NODES = 500_000;
export const MAX_DEPTH = 64;

export type Scalar = string | number | boolean | null;

export interface ScalarNode {
  kind: "scalar";
  pos: SourcePos;
  value: Scalar;
}
export interface SeqNode {
  kind: "seq";
  pos: SourcePos;
  items: YamlNode[];
}
export interface MapEntry {
  key: string;
  keyPos: SourcePos;
  value: YamlNode;
}
/** Keeps duplicate keys (in order) so the rules can name both places; lookups use the first. */
export interface MapNode {
  kind: "map";
  pos: SourcePos;
  entries: MapEntry[];
}
export type YamlNode = ScalarNode | SeqNode | MapNode;

export interface ParsedFile {
  file: string;
  /** Undefined for an empty file or when the file could not be read as YAML. */
  root?: YamlNode;
  diagnostics: Diagnostic[];
}

class Abort extends Error {}

interface Frame {
  node: SeqNode | MapNode;
  size: number;
  pendingKey?: { key: string; pos: SourcePos } | null;
  anchor?: string;
}

/**
 * A rough count of a file's nodes without parsing it: past the first few, a node needs a line break or a
 * comma (a `key: value` pair is two nodes per separator), so parsing time stays proportional to it.
 * Parsing is the slow part, so this is what keeps a big file fast to refuse; the exact count, with aliases
 * expanded, is checked while the tree is built.
 */
export function estimateNodes(text: string): number {
  let count = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) count++;
  for (let i = text.indexOf(","); i >= 0; i = text.indexOf(",", i + 1)) count++;
  return count;
}

/**
 * Reads one declaration file. Never throws for bad input: problems come back as diagnostics.
 * `budget.left` is what is left of the tree-wide budget of `budget.total` nodes (MAX_TOTAL_NODES).
 */
export function parseYamlFile(file: string, rawText: string, budget = { left: MAX_TOTAL_NODES, total: MAX_TOTAL_NODES }): ParsedFile {
  if (rawText.length > MAX_FILE_BYTES) {
    const diagnostic = { ...startOfFile(file), code: "file-too-large", message: `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; declaration files are small: split it into several files` };
    return { file, diagnostics: [diagnostic] };
  }
  const estimate = estimateNodes(rawText);
  if (estimate > Math.min(MAX_NODES, budget.left)) {
    const limit = estimate > MAX_NODES ? `the limit of ${MAX_NODES} per file` : `what is left of the limit of ${budget.total} for the whole tree`;
    const message = `file has about ${estimate} lines and list items, more than ${limit}; declarations this large are a mistake or an attack: split the file or trim it`;
    return { file, diagnostics: [{ ...startOfFile(file), code: "file-too-large", message }] };
  }
  // A byte-order mark is not content; editors do not count it as a column.
  const text = rawText.startsWith("\uFEFF") ? rawText.slice(1) : rawText;
  const lines = new LineIndex(file, text);
  let events: Event[];
  try {
    events = parseEvents(text, { filename: file, maxDepth: MAX_DEPTH });
  } catch (error) {
    return { file, diagnostics: [syntaxDiagnostic(file, error)] };
  }
  const builder = new TreeBuilder(file, text, lines);
  try {
    builder.build(events);
  } catch (error) {
    if (!(error instanceof Abort)) throw error;
  }
  return { file, ...(builder.root ? { root: builder.root } : {}), diagnostics: builder.diagnostics };
}

function syntaxDiagnostic(file: string, error: unknown): Diagnostic {
  if (error instanceof YAMLException) {
    const line = (error.mark?.line ?? 0) + 1;
    const column = (error.mark?.column ?? 0) + 1;
    return { file, line, column, code: "yaml-syntax", message: `YAML syntax error: ${error.reason}; fix the YAML at this place` };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { ...startOfFile(file), code: "yaml-syntax", message: `YAML could not be read: ${reason}` };
}

class TreeBuilder {
  root: YamlNode | undefined;
  readonly diagnostics: Diagnostic[] = [];
  private readonly stack: Frame[] = [];
  private readonly anchors = new Map<string, { node: YamlNode; size: number } | "open">();
  private expanded = 0;
  private documents = 0;
  private lastOffset = 0;

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  build(events: Event[]): void {
    for (const event of events) this.handle(event);
  }

  private handle(event: Event): void {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        this.documents += 1;
        if (this.documents > 1) this.refuseSecondDocument();
        return;
      case EVENT_ID.SCALAR:
        return this.addScalar(event);
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING: {
        this.lastOffset = event.start;
        this.count(1, event.start);
        this.checkTag(event.tagStart, event.tagEnd, event.type === EVENT_ID.SEQUENCE ? "!!seq" : "!!map");
        const pos = this.lines.posAt(event.start);
        const node: SeqNode | MapNode = event.type === EVENT_ID.SEQUENCE ? { kind: "seq", pos, items: [] } : { kind: "map", pos, entries: [] };
        const frame: Frame = { node, size: 1, pendingKey: null };
        if (event.anchorStart >= 0) {
          frame.anchor = this.text.slice(event.anchorStart, event.anchorEnd);
          this.anchors.set(frame.anchor, "open");
        }
        this.stack.push(frame);
        return;
      }
      case EVENT_ID.ALIAS:
        return this.addAlias(event.anchorStart, event.anchorEnd);
      case EVENT_ID.POP: {
        const frame = this.stack.pop();
        if (!frame) return;
        if (frame.anchor !== undefined) this.anchors.set(frame.anchor, { node: frame.node, size: frame.size });
        this.attach(frame.node, frame.size);
        return;
      }
    }
  }

  private refuseSecondDocument(): never {
    const marker = this.text.indexOf("\n---", this.lastOffset);
    const pos = marker >= 0 ? this.lines.posAt(marker + 1) : this.lines.posAt(this.lastOffset);
    this.diagnostics.push({ ...pos, code: "multiple-documents", message: "a second YAML document starts here; a declaration file holds exactly one document: move it to its own file" });
    throw new Abort();
  }

  private addScalar(event: ScalarEvent): void {
    const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
    // An empty value (`rooms:` with nothing after it) has no offset: point at its anchor or tag, else at its key.
    const start = event.valueStart >= 0 ? event.valueStart - (quoted ? 1 : 0) : event.anchorStart >= 0 ? event.anchorStart - 1 : event.tagStart >= 0 ? event.tagStart : this.lastOffset;
    this.lastOffset = start;
    this.count(1, start);
    const pos = this.lines.posAt(start);
    const text = getScalarValue(this.text, event);
    const explicitStr = this.checkTag(event.tagStart, event.tagEnd, "!!str");
    const value = event.style === SCALAR_STYLE.PLAIN && !explicitStr ? resolvePlain(text) : text;
    const node: ScalarNode = { kind: "scalar", pos, value };
    if (event.anchorStart >= 0) this.anchors.set(this.text.slice(event.anchorStart, event.anchorEnd), { node, size: 1 });
    this.attach(node, 1);
  }

  private addAlias(anchorStart: number, anchorEnd: number): void {
    const name = this.text.slice(anchorStart, anchorEnd);
    const pos = this.lines.posAt(Math.max(anchorStart - 1, 0));
    const target = this.anchors.get(name);
    if (target === undefined || target === "open") {
      const why = target === "open" ? "refers to a node that contains it (a recursive alias)" : "refers to an anchor that is not defined before it";
      this.diagnostics.push({ ...pos, code: "yaml-alias", message: `alias "*${name}" ${why}; write the values out instead` });
      throw new Abort();
    }
    this.count(target.size, anchorStart);
    this.attach(target.node, target.size);
  }

  /** Counts nodes as they would be once aliases are expanded, and stops at the budget. */
  private count(nodes: number, offset: number): void {
    this.expanded += nodes;
    if (this.expanded <= MAX_NODES) return;
    this.diagnostics.push({
      ...this.lines.posAt(Math.max(offset, 0)),
      code: "too-many-nodes",
      message: `this file holds more than ${MAX_NODES} YAML nodes once aliases (*name) are expanded — an alias bomb or an oversized file; write the values out without anchors, or split the file`,
    });
    throw new Abort();
  }

  /** Returns true for an explicit `!!str` (or the given default tag); any other tag is refused. */
  private checkTag(tagStart: number, tagEnd: number, allowed: string): boolean {
    if (tagStart < 0) return false;
    const tag = this.text.slice(tagStart, tagEnd);
    const long = `!<tag:yaml.org,2002:${allowed.slice(2)}>`;
    if (tag === allowed || tag === long) return true;
    this.diagnostics.push({ ...this.lines.posAt(tagStart), code: "yaml-tag", message: `YAML tag "${tag}" is not supported in declarations: remove it (quote the value if it must stay a string)` });
    return false;
  }

  private attach(node: YamlNode, size: number): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      this.root = node;
      return;
    }
    parent.size += size;
    if (parent.node.kind === "seq") {
      parent.node.items.push(node);
      return;
    }
    if (!parent.pendingKey) {
      parent.pendingKey = this.keyOf(node);
      return;
    }
    parent.node.entries.push({ key: parent.pendingKey.key, keyPos: parent.pendingKey.pos, value: node });
    parent.pendingKey = null;
  }

  private keyOf(node: YamlNode): { key: string; pos: SourcePos } {
    if (node.kind === "scalar") return { key: String(node.value), pos: node.pos };
    this.diagnostics.push({ ...node.pos, code: "yaml-key", message: "a mapping key must be a plain string, not a list or a mapping" });
    return { key: "\u0000complex-key", pos: node.pos };
  }
}

/** YAML 1.2 core schema resolution of a plain scalar (null, booleans, numbers, else a string). */
function resolvePlain(text: string): Scalar {
  const value = CORE_SCHEMA.resolveImplicitScalarTag(text).value;
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return text;
}
