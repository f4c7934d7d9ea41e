/** Room-version flags the sandbox's rules depend on (rust/src/room_versions.rs, reference §14). */

/** msc4289_creator_power_enabled: creators outrank every level (v12, org.matrix.hydra.11). */
export function hasCreatorPower(version: string): boolean {
  return version === "12" || version === "org.matrix.hydra.11";
}

/** strict_canonicaljson and limit_notifications_power_levels: room version 6 and later. */
export function isStrictVersion(version: string): boolean {
  return version === "org.matrix.hydra.11" || (/^\d+$/.test(version) && Number(version) >= 6);
}
