import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { FileToWrite } from "./write-files.js";

/** The example membership repository that `roster init` copies: shipped with the package. */
export const membershipRepoUrl = new URL("../../../examples/membership-repo/", import.meta.url);
const schemaUrl = new URL("../../../schemas/rooms.schema.json", import.meta.url);

/** How the example's workflows name the action; `--action` replaces it. */
export const placeholderAction = "OWNER/roster@v1";
const starterRooms = "rooms/rooms.yaml";

export interface ScaffoldOptions {
  serverName: string;
  /** e.g. `my-org/roster@v1`; the placeholder stays when absent. */
  action?: string;
  /** The target already holds declarations under rooms/: no starter file then. */
  hasDeclarations: boolean;
}

/**
 * The files of a membership repository: the example's workflows, CODEOWNERS and README (with the
 * action named), this version's rooms schema, and a starter declaration naming the server.
 */
export async function scaffoldFiles(options: ScaffoldOptions): Promise<FileToWrite[]> {
  const files: FileToWrite[] = [];
  for (const path of await listFiles(membershipRepoUrl.pathname)) {
    if (path === starterRooms || path.startsWith("schemas/")) continue;
    const text = await readFile(join(membershipRepoUrl.pathname, path), "utf8");
    files.push({ path, text: options.action ? text.replaceAll(placeholderAction, options.action) : text });
  }
  files.push({ path: "schemas/rooms.schema.json", text: await readFile(schemaUrl, "utf8") });
  if (!options.hasDeclarations) files.push({ path: starterRooms, text: starterDeclarations(options.serverName) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function starterDeclarations(serverName: string): string {
  return [
    "# yaml-language-server: $schema=../schemas/rooms.schema.json",
    "# Who belongs in which rooms. Start from the server as it is with `roster import --all --write`,",
    "# or declare rooms by hand, for example:",
    "#",
    "# groups:",
    "#   staff: [alice, bob]",
    "# rooms:",
    '#   "#general":',
    "#     groups: [staff]",
    "#     members: [carol]",
    `server_name: ${serverName}`,
    "",
  ].join("\n");
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}
