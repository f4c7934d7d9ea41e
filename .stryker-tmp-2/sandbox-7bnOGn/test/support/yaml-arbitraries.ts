/**
 * Random valid declaration trees rendered as YAML text in varied styles (block or flow lists, quoted or
 * plain names, comments, CRLF, a BOM, several files), with the Desired they must parse to.
 */
// @ts-nocheck


import fc from "fast-check";
import type { DeclarationFile } from "../../src/declarations/parse.js";

export interface RoomSpec {
  name: string;
  members: string[];
  groups: string[];
  prune?: boolean;
}

export interface TreeSpec {
  groups: Record<string, string[]>;
  /** One entry per file: the rooms it declares (server_name and groups go in the first file). */
  files: RoomSpec[][];
}

export interface Style {
  flow: boolean;
  quote: "plain" | "single" | "double";
  crlf: boolean;
  bom: boolean;
  comments: boolean;
  indent: number;
}

const localparts = ["alice", "bob", "carol", "dave", "erin", "frank", "g.h", "i_j", "k-l", "m=n", "o/p", "x9"];
const groupNames = ["backend", "frontend", "ops", "leads", "a", "team-1"];

const userArb = fc.oneof(fc.constantFrom(...localparts), fc.constantFrom(...localparts).map((l) => `@${l}:acme.test`), fc.constantFrom("@zoe:partner.test", "@yuri:partner.test:8448"));

export const treeArb: fc.Arbitrary<TreeSpec> = fc
  .dictionary(fc.constantFrom(...groupNames), fc.uniqueArray(userArb, { maxLength: 5 }), { maxKeys: 4 })
  .chain((groups) => {
    const names = Object.keys(groups);
    const room = (name: string): fc.Arbitrary<RoomSpec> =>
      fc.record(
        {
          name: fc.constant(name),
          members: fc.uniqueArray(userArb, { maxLength: 6 }),
          groups: names.length ? fc.subarray(names) : fc.constant([]),
          prune: fc.boolean(),
        },
        { requiredKeys: ["name", "members", "groups"] },
      );
    const roomNames = fc.uniqueArray(fc.constantFrom("#general", "#eng", "#a.b_c", "#x:acme.test", "#ops", "!abc:acme.test", "!AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde", "#far:partner.test"), { minLength: 1, maxLength: 6 });
    return roomNames.chain((rooms) =>
      fc
        .tuple(...rooms.map(room))
        .chain((specs) => fc.integer({ min: 1, max: 3 }).map((n) => ({ groups, files: Array.from({ length: n }, (_, i) => specs.filter((_, j) => j % n === i)) }))),
    );
  });

export const styleArb: fc.Arbitrary<Style> = fc.record({
  flow: fc.boolean(),
  quote: fc.constantFrom("plain", "single", "double"),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  comments: fc.boolean(),
  indent: fc.constantFrom(2, 4),
});

function quote(text: string, style: Style, force = false): string {
  if (style.quote === "single") return `'${text}'`;
  if (style.quote === "double" || force || text.startsWith("@")) return `"${text}"`;
  return text;
}

function list(items: string[], style: Style, pad: string): string[] {
  if (items.length === 0 || style.flow) return [` [${items.map((i) => quote(i, style)).join(", ")}]`];
  return ["", ...items.map((i) => `${pad}- ${quote(i, style)}`)];
}

/** Renders the spec; room keys starting with # or ! are always quoted (a bare # starts a comment). */
export function renderTree(tree: TreeSpec, style: Style): DeclarationFile[] {
  const pad = " ".repeat(style.indent);
  return tree.files.map((rooms, index) => {
    const lines: string[] = [];
    if (style.comments) lines.push("# yaml-language-server: $schema=../schemas/rooms.schema.json");
    if (index === 0) {
      lines.push("server_name: acme.test");
      if (Object.keys(tree.groups).length > 0) {
        lines.push("groups:");
        for (const [name, members] of Object.entries(tree.groups)) {
          const [first = "", ...rest] = list(members, style, pad + pad);
          lines.push(`${pad}${name}:${first}`, ...rest);
        }
      }
    }
    if (rooms.length > 0) lines.push("rooms:");
    for (const room of rooms) {
      lines.push(`${pad}${quote(room.name, style, true)}:${style.comments ? "  # a room" : ""}`);
      const inner = pad + pad;
      if (room.prune !== undefined) lines.push(`${inner}prune: ${room.prune}`);
      const [firstMember = "", ...members] = list(room.members, style, inner + pad);
      lines.push(`${inner}members:${firstMember}`, ...members);
      if (room.groups.length > 0) {
        const [firstGroup = "", ...groups] = list(room.groups, style, inner + pad);
        lines.push(`${inner}groups:${firstGroup}`, ...groups);
      }
    }
    const text = lines.join(style.crlf ? "\r\n" : "\n") + (style.crlf ? "\r\n" : "\n");
    return { path: `rooms/f${index}.yaml`, text: (style.bom ? "\uFEFF" : "") + text };
  });
}

const full = (user: string) => (user.startsWith("@") ? user : `@${user}:acme.test`);

/** What the tree must expand to: each room's members ∪ its groups' members, as full IDs, sorted. */
export function expectedRooms(tree: TreeSpec): { ref: string; prune: boolean; members: string[] }[] {
  return tree.files.flat().map((room) => {
    const users = new Set([...room.members, ...room.groups.flatMap((g) => tree.groups[g] ?? [])].map(full));
    const ref = room.name.startsWith("#") && !room.name.includes(":") ? `${room.name}:acme.test` : room.name;
    return { ref, prune: room.prune ?? false, members: [...users].sort() };
  });
}
