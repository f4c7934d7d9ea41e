// @ts-nocheck
import "../support/fast-check-seed.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseDeclarations } from "../../src/declarations/parse.js";
import type { SourcePos } from "../../src/declarations/model.js";
import { computePlan } from "../../src/plan/compute-plan.js";
import { defaultPlanOptions } from "../../src/plan/types.js";
import { expectedRooms, renderTree, styleArb, treeArb } from "../support/yaml-arbitraries.js";

const runs = { numRuns: 300, includeErrorInReport: true };

/** The text at a position, as an editor shows it (lines split at LF, CRLF or CR; a BOM is not a column). */
function textAt(files: { path: string; text: string }[], pos: SourcePos): string {
  const file = files.find((f) => f.path === pos.file);
  assert.ok(file, `position in unknown file ${pos.file}`);
  const lines = file.text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const line = lines[pos.line - 1];
  assert.ok(line !== undefined, `line ${pos.line} is past the end of ${pos.file}`);
  assert.ok(pos.column >= 1 && pos.column <= line.length + 1, `column ${pos.column} is outside line ${pos.line} of ${pos.file}`);
  return line.slice(pos.column - 1);
}

const strip = (text: string) => text.replace(/^["']/, "");

test("random valid trees rendered as YAML parse without diagnostics to the expected rooms", () => {
  fc.assert(
    fc.property(treeArb, styleArb, (tree, style) => {
      const files = renderTree(tree, style);
      const { desired, diagnostics } = parseDeclarations(files);
      assert.deepEqual(diagnostics, [], files.map((f) => f.text).join("\n---\n"));
      const got = desired.rooms.map((r) => ({ ref: r.ref, prune: r.prune, members: r.members.map((m) => m.user) }));
      const byRef = (a: { ref: string }, b: { ref: string }) => (a.ref < b.ref ? -1 : 1);
      assert.deepEqual([...got].sort(byRef), expectedRooms(tree).sort(byRef));
    }),
    runs,
  );
});

test("every position in a parsed tree points at the name it belongs to", () => {
  fc.assert(
    fc.property(treeArb, styleArb, (tree, style) => {
      const files = renderTree(tree, style);
      const { desired } = parseDeclarations(files);
      for (const room of desired.rooms) {
        assert.ok(strip(textAt(files, room.pos)).startsWith(room.written), `room ${room.written} at ${JSON.stringify(room.pos)}`);
        for (const member of room.members) {
          for (const source of member.sources) {
            const at = strip(textAt(files, source.pos));
            const written = source.group ?? member.user;
            const localpart = member.user.slice(1, member.user.indexOf(":"));
            assert.ok(at.startsWith(written) || at.startsWith(localpart), `${member.user} (${source.group ?? "direct"}) at ${JSON.stringify(source.pos)}: "${at}"`);
          }
        }
      }
      for (const group of desired.groups) {
        assert.ok(textAt(files, group.pos).startsWith(group.name));
        assert.equal(group.memberPos.length, group.members.length);
        for (const [i, pos] of group.memberPos.entries()) {
          const user = group.members[i] as string;
          const at = strip(textAt(files, pos));
          assert.ok(at.startsWith(user) || at.startsWith(user.slice(1, user.indexOf(":"))), `group member ${user} of ${group.name} at ${JSON.stringify(pos)}: "${at}"`);
        }
      }
    }),
    runs,
  );
});

test("a plan of a parsed random tree against an empty server never throws", () => {
  fc.assert(
    fc.property(treeArb, styleArb, (tree, style) => {
      const { desired } = parseDeclarations(renderTree(tree, style));
      const plan = computePlan({ desired, admin: "@admin:acme.test", serverName: "acme.test", rooms: new Map(), users: new Map(), options: defaultPlanOptions });
      assert.equal(plan.summary.errors, desired.rooms.length);
    }),
    { numRuns: 50 },
  );
});
