import type { Seed } from "../seed/types.js";

/**
 * The example organisation (rooms/ tree) in a drifted state: every room exists with its alias,
 * created by admin; about half the declared members joined. Deliberate drift:
 * - #engineering: carol holds a pending invite; erin and frank are missing. The leads moderate it
 *   (rooms/ declares `{group: leads, power: moderator}`): alice and dave already do, grace is at 0.
 * - #announcements (prune: true): ken joined without being declared — 1 of 5 non-admin members,
 *   under the 25 % mass-removal guard.
 * - #backend: heidi joined without being declared (an unmanaged member of a non-prune room).
 * - #partner-shared: @zoe:partner.test joined, @yuri:partner.test not invited yet.
 * - mallory is deactivated (and was parted from #general when deactivated).
 */
export function acmeDriftedSeed(): Seed {
  return {
    server_name: "acme.test",
    users: [
      { name: "admin", admin: true, displayname: "Roster Admin" },
      ...["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "ken"].map((name) => ({
        name,
        displayname: name[0]?.toUpperCase() + name.slice(1),
      })),
      { name: "mallory", deactivated: true, displayname: "Mallory" },
    ],
    rooms: [
      {
        alias: "general",
        name: "General",
        creator: "admin",
        join_rule: "public",
        members: { alice: "join", bob: "join", carol: "join", dave: "join", erin: "join", judy: "join", mallory: "leave" },
      },
      {
        alias: "announcements",
        name: "Announcements",
        creator: "admin",
        join_rule: "invite",
        members: { alice: "join", dave: "join", grace: "join", judy: "join", ken: "join" },
      },
      {
        alias: "engineering",
        name: "Engineering",
        creator: "admin",
        join_rule: "invite",
        power_levels: { users: { "@alice:acme.test": 50, "@dave:acme.test": 50 } },
        members: { alice: "join", bob: "join", dave: "join", grace: "join", carol: "invite" },
      },
      { alias: "backend", name: "Backend", creator: "admin", join_rule: "invite", members: { alice: "join", bob: "join", heidi: "join" } },
      { alias: "frontend", name: "Frontend", creator: "admin", join_rule: "invite", members: { dave: "join", erin: "join" } },
      { alias: "ops", name: "Ops", creator: "admin", join_rule: "invite", members: { grace: "join" } },
      { alias: "incidents", name: "Incidents", creator: "admin", join_rule: "invite", members: { grace: "join", heidi: "join" } },
      {
        alias: "partner-shared",
        name: "Partner shared",
        creator: "admin",
        join_rule: "invite",
        members: { alice: "join", "@zoe:partner.test": "join" },
      },
    ],
  };
}
