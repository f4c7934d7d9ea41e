/**
 * The benchmark's declarations: generated YAML files in a folder, read back with the real loader. A
 * file holds at most ROOMS_PER_FILE rooms so every file stays far below the loader's limits (1 MiB and
 * 100,000 YAML nodes per file); a realistic deployment splits its rooms over files the same way.
 */
// @ts-nocheck

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { memberIndex, type Scenario } from "./scenarios.js";

const ROOMS_PER_FILE = 100;

/** Writes the scenario's rooms under `dir` (server_name in the first file) and returns the file count. */
export async function writeDeclarations(scenario: Scenario, dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  const files: string[][] = [];
  for (let first = 0; first < scenario.rooms; first += ROOMS_PER_FILE) {
    const lines = ["rooms:"];
    for (let r = first; r < Math.min(scenario.rooms, first + ROOMS_PER_FILE); r++) {
      const members = Array.from({ length: scenario.membersPerRoom }, (_, slot) => `u${memberIndex(scenario, r, slot)}`);
      lines.push(`  "#r${r}":`, `    members: [${members.join(", ")}]`);
    }
    files.push(lines);
  }
  if (scenario.bigRoomMembers > 0) {
    const lines = ["rooms:", `  "#big":`, "    members:"];
    for (let m = 0; m < scenario.bigRoomMembers; m++) lines.push(`      - big${m}`);
    files.push(lines);
  }
  files[0]?.unshift("server_name: acme.test");
  await Promise.all(files.map((lines, i) => writeFile(join(dir, `rooms-${String(i).padStart(3, "0")}.yaml`), `${lines.join("\n")}\n`)));
  return files.length;
}
