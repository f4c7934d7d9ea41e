import "../support/fast-check-seed.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDeclarations } from "../../src/declarations/parse.js";
import { decodeDeclarationBytes, loadDeclarationDir } from "../../src/declarations/load.js";
import { formatPos } from "../../src/declarations/diagnostic.js";
import { MAX_MEMBERSHIPS } from "../../src/declarations/combine.js";
import type { Desired, SourcePos } from "../../src/declarations/model.js";
import { repoRoot } from "../support/run-cli.js";

/** Where `user` is listed in the definition of `group`. */
function groupMemberPos(desired: Desired, group: string | undefined, user: string): SourcePos {
  const found = desired.groups.find((g) => g.name === group);
  const pos = found?.memberPos[found.members.indexOf(user)];
  assert.ok(pos, `${user} is listed in group ${group}`);
  return pos;
}

function parseOne(text: string, path = "rooms/a.yaml") {
  return parseDeclarations([{ path, text }]);
}

function codes(result: ReturnType<typeof parseOne>): string[] {
  return result.diagnostics.map((d) => `${formatPos(d)} ${d.code}`);
}

test("the example rooms/ tree is valid and expands to the expected Desired", async () => {
  const { desired, diagnostics } = await loadDeclarationDir("rooms", repoRoot);
  assert.deepEqual(diagnostics, []);
  assert.equal(desired.serverName, "acme.test");
  assert.deepEqual(desired.files, ["rooms/company.yaml", "rooms/engineering.yaml", "rooms/groups.yaml", "rooms/ops/ops.yaml", "rooms/partners/partner-shared.yaml"]);
  assert.deepEqual(
    desired.rooms.map((r) => r.ref),
    ["#general", "#announcements", "#engineering", "#backend", "#frontend", "#ops", "#incidents", "#partner-shared"].map((a) => `${a}:acme.test`),
  );
  const room = (alias: string) => desired.rooms.find((r) => r.written === alias);
  const users = (alias: string) => room(alias)?.members.map((m) => m.user.replace(/:acme\.test$/, ""));
  assert.deepEqual(users("#general"), ["@alice", "@bob", "@carol", "@dave", "@erin", "@frank", "@grace", "@heidi", "@ivan", "@judy", "@ken"]);
  assert.deepEqual(users("#announcements"), ["@alice", "@dave", "@grace", "@judy"]);
  const levels = (alias: string) => room(alias)?.members.flatMap((m) => (m.power !== undefined ? [`${m.user.replace(/:acme\.test$/, "")} ${m.power}`] : []));
  assert.deepEqual(levels("#engineering"), ["@alice 50", "@dave 50", "@grace 50"], "the leads moderate #engineering");
  assert.deepEqual(levels("#general"), []);
  assert.equal(room("#announcements")?.prune, true);
  assert.equal(room("#general")?.prune, false);
  assert.deepEqual(users("#partner-shared"), ["@alice", "@dave", "@grace", "@yuri:partner.test", "@zoe:partner.test"]);
  assert.deepEqual(desired.groups.map((g) => `${g.name}=${g.members.length}`), ["backend=3", "frontend=3", "ops=2", "leads=3"]);
  const grace = room("#incidents")?.members.find((m) => m.user === "@grace:acme.test");
  assert.deepEqual(
    grace?.sources.map((s) => `${formatPos(s.pos)} ${s.group} ${formatPos(groupMemberPos(desired, s.group, "@grace:acme.test"))}`),
    ["rooms/ops/ops.yaml:8:14 ops rooms/groups.yaml:8:9", "rooms/ops/ops.yaml:8:19 leads rooms/groups.yaml:9:24"],
  );
  assert.deepEqual(room("#incidents")?.pos, { file: "rooms/ops/ops.yaml", line: 7, column: 3 });
});

test("positions point at keys, list items and quoted scalars (at the opening quote)", () => {
  const text = ["server_name: acme.test", "rooms:", '  "#eng":', "    members:", "      - alice", "      - '@bob:acme.test'", "    groups: [x]"].join("\n");
  const result = parseOne(text);
  assert.deepEqual(codes(result), ["rooms/a.yaml:7:14 unknown-group"]);
  const room = result.desired.rooms[0];
  assert.deepEqual(room?.pos, { file: "rooms/a.yaml", line: 3, column: 3 });
  assert.deepEqual(room?.members.map((m) => formatPos(m.sources[0]!.pos)), ["rooms/a.yaml:5:9", "rooms/a.yaml:6:9"]);
  assert.deepEqual(result.desired.serverNamePos, { file: "rooms/a.yaml", line: 1, column: 14 });
});

test("a user listed twice (directly and through a group) is one member with both sources", () => {
  const text = "server_name: acme.test\ngroups:\n  g: [alice]\nrooms:\n  '#r':\n    members: [alice, alice]\n    groups: [g, g]\n";
  const result = parseOne(text);
  assert.deepEqual(result.diagnostics, []);
  const members = result.desired.rooms[0]?.members ?? [];
  assert.deepEqual(members.map((m) => m.user), ["@alice:acme.test"]);
  assert.deepEqual(members[0]?.sources.map((s) => `${s.pos.line}:${s.pos.column}:${s.group ?? "-"}`), ["6:15:-", "6:22:-", "7:14:g"]);
});

test("every error of the run is reported, sorted by file and position", () => {
  const result = parseDeclarations([
    { path: "rooms/b.yaml", text: "rooms:\n  '#x':\n    groups: [nope]\n    prune: 1\n" },
    { path: "rooms/a.yaml", text: "server_name: acme.test\nbogus: 1\ngroups:\n  g: [Bad]\n" },
  ]);
  assert.deepEqual(codes(result), ["rooms/a.yaml:2:1 schema", "rooms/a.yaml:4:7 invalid-user", "rooms/b.yaml:3:14 unknown-group", "rooms/b.yaml:4:12 schema"]);
  assert.match(result.diagnostics[2]?.message ?? "", /^unknown group "nope": define it under "groups:" or fix the name \(known groups: g\)$/);
});

test("small anchors and aliases work and keep the anchor's positions", () => {
  const text = "server_name: acme.test\ngroups:\n  core: &core [alice, bob]\nrooms:\n  '#a': {members: *core}\n";
  const result = parseOne(text);
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(result.desired.rooms[0]?.members.map((m) => `${m.user} ${m.sources[0]?.pos.line}`), ["@alice:acme.test 3", "@bob:acme.test 3"]);
});

test("an alias bomb (billion laughs) is refused as soon as it passes the node budget", () => {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(",")}]`);
  const result = parseOne(lines.join("\n") + "\n");
  assert.deepEqual(codes(result), ["rooms/a.yaml:5:31 too-many-nodes"]);
  assert.match(result.diagnostics[0]?.message ?? "", /alias bomb/);
});

test("a 20 MB text is refused before parsing", () => {
  const text = "server_name: acme.test\ngroups:\n  g:\n" + "    - user\n".repeat(2_000_000);
  const result = parseOne(text);
  assert.deepEqual(codes(result), ["rooms/a.yaml:1:1 file-too-large"]);
});

test("a file with too many entries for its size is refused before parsing, and so is a tree of many such files", () => {
  const big = "groups:\n  g: [" + Array.from({ length: 60_000 }, (_, i) => `u${i}`).join(",") + "]\n";
  assert.deepEqual(codes(parseOne(big)), ["rooms/a.yaml:1:1 file-too-large"]);
  const medium = "groups:\n  g: [" + Array.from({ length: 40_000 }, (_, i) => `u${i}`).join(",") + "]\n";
  const files = ["a", "b", "c"].map((n) => ({ path: `rooms/${n}.yaml`, text: medium.replace("g:", `${n}:`) }));
  const result = parseDeclarations(files, { maxTotalNodes: 100_000 });
  assert.deepEqual(codes(result).filter((c) => c.endsWith("file-too-large")), ["rooms/c.yaml:1:1 file-too-large"]);
  assert.match(result.diagnostics.find((d) => d.code === "file-too-large")?.message ?? "", /for the whole tree/);
});

test("groups multiplied over many rooms stop at the membership budget", () => {
  const size = 20_000;
  const rooms = Math.ceil(MAX_MEMBERSHIPS / size) + 2;
  const text =
    "server_name: acme.test\ngroups:\n  g: [" + Array.from({ length: size }, (_, i) => `u${i}`).join(",") + "]\nrooms:\n" + Array.from({ length: rooms }, (_, i) => `  '#r${i}': {groups: [g]}\n`).join("");
  const result = parseOne(text);
  assert.deepEqual(result.diagnostics.map((d) => d.code), ["too-many-memberships"]);
  assert.equal(
    result.diagnostics[0]?.message,
    "the declarations expand to more than 500000 room memberships (rooms × group members); this looks like a mistake: use fewer or smaller groups",
  );
});

test("direct members count towards the membership budget too", () => {
  const size = 20_000;
  const group = "groups:\n  g: [" + Array.from({ length: size }, (_, i) => `u${i}`).join(",") + "]\n";
  const rooms = (first: string) =>
    Array.from({ length: MAX_MEMBERSHIPS / size }, (_, i) => `  '#r${i}': {${i === 0 ? first : ""}groups: [g]}\n`).join("");
  assert.deepEqual(parseOne(`server_name: acme.test\n${group}rooms:\n${rooms("")}`).diagnostics, [], "exactly the budget is allowed");
  assert.deepEqual(parseOne(`server_name: acme.test\n${group}rooms:\n${rooms("members: [x], ")}`).diagnostics.map((d) => d.code), ["too-many-memberships"]);
});

test("nesting deeper than the limit is a positioned YAML error, not a stack overflow", () => {
  const result = parseOne("rooms: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
  assert.equal(result.diagnostics[0]?.code, "yaml-syntax");
  assert.equal(result.diagnostics[0]?.line, 1);
});

test("an empty or comment-only file, and a leading byte-order mark, are fine", () => {
  assert.deepEqual(parseOne("").diagnostics, []);
  assert.deepEqual(parseOne("# nothing yet\n").diagnostics, []);
  assert.deepEqual(codes(parseOne("\uFEFFserver_name: acme.test\nbogus: 1\n")), ["rooms/a.yaml:2:1 schema"]);
});

test("keys that look like object internals stay ordinary keys", () => {
  const result = parseOne("__proto__: {x: 1}\nconstructor: 2\nrooms:\n  '#__proto__:acme.test': {}\n");
  assert.deepEqual(codes(result), ["rooms/a.yaml:1:1 schema", "rooms/a.yaml:2:1 schema"]);
  assert.deepEqual(result.desired.rooms.map((r) => r.ref), ["#__proto__:acme.test"]);
});

test("YAML tags other than !!str are refused at their position", () => {
  assert.deepEqual(codes(parseOne("server_name: !!binary YWJj\n")), ["rooms/a.yaml:1:14 yaml-tag"]);
  assert.deepEqual(parseOne("server_name: acme.test\ngroups:\n  g: [!!str 123]\n").desired.groups[0]?.members, ["@123:acme.test"]);
});

test("invalid UTF-8 is reported at the line and column where it starts", () => {
  const bytes = new Uint8Array([...new TextEncoder().encode("server_name: acme.test\nrooms: {'#caf"), 0xe9, ...new TextEncoder().encode("': {}}\n")]);
  const decoded = decodeDeclarationBytes("rooms/a.yaml", bytes);
  assert.ok(!("text" in decoded));
  assert.equal(formatPos(decoded), "rooms/a.yaml:2:14");
  assert.deepEqual(decodeDeclarationBytes("rooms/a.yaml", new TextEncoder().encode("ok: é\n")), { text: "ok: é\n" });
});

test("arbitrary text never throws, and every diagnostic points inside the file", async () => {
  const fc = await import("fast-check");
  const pieces = fc.constantFrom("server_name: acme.test\n", "rooms:\n", "groups:\n", "  '#a':\n", "  g: [alice]\n", "    members: [", "*x", "&x ", "---\n", "- ", "{", "}", "]", ",", ": ", "\t", "\n", "'", "#", "!", "@b:c", "\uFEFF", "é");
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
      const text = parts.join("");
      const result = parseOne(text);
      const lines = text.split("\n").length;
      for (const d of result.diagnostics) {
        assert.ok(d.line >= 1 && d.line <= lines + 1 && d.column >= 1, `${formatPos(d)} ${d.message} in ${JSON.stringify(text)}`);
        assert.ok(d.message.length > 0 && d.code.length > 0);
      }
    }),
    { numRuns: Number(process.env["FC_RUNS"] ?? 300) },
  );
});

test("an empty value is reported at its key", () => {
  assert.deepEqual(codes(parseOne("server_name: acme.test\nrooms:\n")), ["rooms/a.yaml:2:1 schema"]);
  assert.deepEqual(codes(parseOne("server_name: acme.test\nrooms:\n  '#a':\n")), ["rooms/a.yaml:3:3 schema"]);
});

test("power levels: names and integers, the highest declaration of a user wins, every source is kept", () => {
  const { desired, diagnostics } = parseOne(
    [
      "server_name: acme.test",
      "groups:",
      "  leads: [bob, carol]",
      "  backend: [bob, dave]",
      "rooms:",
      '  "#eng":',
      "    members:",
      "      - erin",
      "      - {user: bob, power: moderator}",
      "      - {user: frank}",
      "      - {user: gina, power: -5}",
      "    groups:",
      "      - backend",
      "      - {group: leads, power: admin}",
      "    prune_power: true",
      '  "#ops":',
      "    members: [bob]",
    ].join("\n"),
  );
  assert.deepEqual(diagnostics, []);
  const [eng, ops] = desired.rooms;
  const power = (user: string) => eng?.members.find((m) => m.user === `@${user}:acme.test`)?.power;
  assert.equal(power("bob"), 100);
  assert.equal(power("carol"), 100);
  assert.equal(power("gina"), -5);
  assert.equal(power("dave"), undefined);
  assert.equal(power("erin"), undefined);
  assert.equal(power("frank"), undefined, "{user: frank} without power is a plain member");
  const bob = eng?.members.find((m) => m.user === "@bob:acme.test");
  assert.deepEqual(
    bob?.sources.map((s) => `${formatPos(s.pos)} ${s.group ?? "direct"} ${s.power ?? "-"}`),
    ["rooms/a.yaml:9:16 direct 50", "rooms/a.yaml:13:9 backend -", "rooms/a.yaml:14:17 leads 100"],
  );
  assert.equal(eng?.prunePower, true);
  assert.equal(ops?.prunePower, false);
  assert.equal(ops?.members[0]?.power, undefined, "a level declared in one room does not reach another");
});
