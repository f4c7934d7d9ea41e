import { test } from "node:test";
import assert from "node:assert/strict";
import { attributeItems, splitByOrigin, type AttributableItem } from "../../src/github/attribution.js";

const join = (room: string, user: string) => ({ key: `join|${room}|${user}` });
const blocked = (room: string, code: string, covers: string[] = [], user = "") => ({ key: `blocked|${room}|${user}|${code}`, covers });

const cases: { name: string; head: AttributableItem[]; base: AttributableItem[]; expected: string[] }[] = [
  { name: "a join the base already wanted is pre-existing drift", head: [join("#eng", "@alice")], base: [join("#eng", "@alice")], expected: ["pre-existing"] },
  { name: "a join only the head wants is introduced", head: [join("#eng", "@bob")], base: [join("#eng", "@alice")], expected: ["introduced"] },
  { name: "with no declarations at base everything is introduced", head: [join("#eng", "@alice"), blocked("#eng", "user_not_found", [], "@zed")], base: [], expected: ["introduced", "introduced"] },
  { name: "the same user-level block at base is pre-existing", head: [blocked("#ops", "user_deactivated", [], "@mallory")], base: [blocked("#ops", "user_deactivated", [], "@mallory")], expected: ["pre-existing"] },
  { name: "a room-level block that now holds back a new user is introduced", head: [blocked("#eng", "admin_not_in_room", ["join|@alice", "join|@bob"])], base: [blocked("#eng", "admin_not_in_room", ["join|@alice"])], expected: ["introduced"] },
  { name: "a room-level block holding back fewer users than before is pre-existing", head: [blocked("#eng", "admin_not_in_room", ["join|@alice"])], base: [blocked("#eng", "admin_not_in_room", ["join|@alice", "join|@bob"])], expected: ["pre-existing"] },
  { name: "a block with a different code is a different item", head: [blocked("#eng", "mass_removal")], base: [blocked("#eng", "admin_cannot_kick")], expected: ["introduced"] },
];

for (const { name, head, base, expected } of cases) {
  test(`attribution: ${name}`, () => {
    assert.deepEqual(attributeItems(head, base).map((item) => item.origin), expected);
  });
}

test("attribution keeps the head's items, their fields and their order", () => {
  const head = [{ key: "b", room: "#b" }, { key: "a", room: "#a" }];
  assert.deepEqual(attributeItems(head, [{ key: "a" }]), [
    { key: "b", room: "#b", origin: "introduced" },
    { key: "a", room: "#a", origin: "pre-existing" },
  ]);
});

test("splitByOrigin separates what fails the run from what only warns", () => {
  const attributed = attributeItems([blocked("#a", "user_not_found", [], "@x"), blocked("#b", "user_not_found", [], "@y")], [blocked("#b", "user_not_found", [], "@y")]);
  const { introduced, preExisting } = splitByOrigin(attributed);
  assert.deepEqual(introduced.map((item) => item.key), ["blocked|#a|@x|user_not_found"]);
  assert.deepEqual(preExisting.map((item) => item.key), ["blocked|#b|@y|user_not_found"]);
});
