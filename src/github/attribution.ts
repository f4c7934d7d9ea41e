/**
 * PR attribution for `roster plan --base REF`: compare the plan at the pull request's head with the
 * plan the base's declarations give against the same observed server state. Pure; knows nothing of
 * the plan's shape beyond a string key per item.
 */

/** `introduced`: this pull request causes it. `pre-existing`: it was already pending before (drift). */
export type Origin = "introduced" | "pre-existing";

export interface AttributableItem {
  /** Identifies the item across the two plans, e.g. `join|#eng:acme.test|@alice:acme.test` or `blocked|#eng:acme.test||admin_not_in_room`. */
  key: string;
  /**
   * For an item that stands for several things (a room-level block lists the users it holds back):
   * those things. The item is then introduced when the base's item with the same key lacked any of them.
   */
  covers?: readonly string[];
}

export type Attributed<T> = T & { origin: Origin };

/** Each head item, in order, marked introduced (not pending at base) or pre-existing. */
export function attributeItems<T extends AttributableItem>(head: readonly T[], base: readonly AttributableItem[]): Attributed<T>[] {
  const pendingAtBase = new Map<string, Set<string>>();
  for (const item of base) {
    const covered = pendingAtBase.get(item.key) ?? new Set<string>();
    for (const thing of item.covers ?? []) covered.add(thing);
    pendingAtBase.set(item.key, covered);
  }
  return head.map((item) => ({ ...item, origin: originOf(item, pendingAtBase) }));
}

function originOf(item: AttributableItem, pendingAtBase: ReadonlyMap<string, ReadonlySet<string>>): Origin {
  const covered = pendingAtBase.get(item.key);
  if (covered === undefined) return "introduced";
  return (item.covers ?? []).every((thing) => covered.has(thing)) ? "pre-existing" : "introduced";
}

/** The exit decision of `--base`: blocked items this pull request introduces fail the run; older ones only warn. */
export function splitByOrigin<T>(items: readonly Attributed<T>[]): { introduced: Attributed<T>[]; preExisting: Attributed<T>[] } {
  return {
    introduced: items.filter((item) => item.origin === "introduced"),
    preExisting: items.filter((item) => item.origin === "pre-existing"),
  };
}
