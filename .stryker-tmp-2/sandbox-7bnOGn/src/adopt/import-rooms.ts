// @ts-nocheck
import { readdir } from "node:fs/promises";
import { posix, relative, resolve, sep } from "node:path";
import type { Desired, UserId } from "../declarations/model.js";
import type { SynapseClient } from "../homeserver/client.js";
import { findDeclaredRooms } from "./declared-rooms.js";
import { readRooms, type ImportReader } from "./read-rooms.js";
import { assignFileNames, renderDeclarations, type ImportedRoom } from "./render-import.js";
import { writeNewFiles, type FileToWrite, type WriteOutcome } from "./write-files.js";

export interface ImportRequest {
  /** Expanded aliases or room IDs, in the order given; or "all" for every room on the server. */
  targets: readonly string[] | "all";
  dir: string;
  cwd: string;
  /** The tree already in DIR; undefined when DIR holds no declarations yet (a new tree). */
  desired: Desired | undefined;
  admin: UserId;
  serverName: string;
  write: boolean;
  concurrency: number;
}

export interface ImportReport {
  /** Print mode: the YAML document. */
  yaml?: string;
  imported: ImportedRoom[];
  skipped: { room: string; where: string }[];
  left: { target: string; roomId: string }[];
  errors: { target: string; detail: string }[];
  writes: WriteOutcome[];
}

/** Whether DIR holds any declaration file; a missing or empty folder is a new tree. */
export async function hasDeclarationFiles(dir: string, cwd: string): Promise<boolean> {
  try {
    const entries = await readdir(resolve(cwd, dir), { recursive: true });
    return entries.some((entry) => /\.ya?ml$/.test(entry) && !entry.split(sep).some((part) => part.startsWith(".")));
  } catch {
    return false;
  }
}

/** Reads the rooms, leaves out those DIR already declares, and prints or writes the rest. */
export async function importRooms(request: ImportRequest, client: ImportReader & Pick<SynapseClient, "iterateRooms">): Promise<ImportReport> {
  const targets = request.targets === "all" ? await listAllRooms(client) : request.targets;
  const declared = request.desired ? await findDeclaredRooms(request.desired, client, request.concurrency) : new Map<string, string>();
  const outcomes = await readRooms(targets, request.admin, request.serverName, client, request.concurrency);
  const report: ImportReport = { imported: [], skipped: [], left: [], errors: [], writes: [] };
  const seen = new Set<string>();
  for (const outcome of outcomes) {
    if (outcome.status === "error") report.errors.push({ target: outcome.target, detail: outcome.detail });
    else if (outcome.status === "left") report.left.push({ target: outcome.target, roomId: outcome.roomId });
    else if (!seen.has(outcome.room.roomId)) {
      seen.add(outcome.room.roomId);
      const where = declared.get(outcome.room.roomId) ?? declared.get(outcome.room.ref);
      if (where !== undefined) report.skipped.push({ room: outcome.room.ref, where });
      else report.imported.push(outcome.room);
    }
  }
  if (request.targets === "all") report.imported.sort((a, b) => compare(a.ref, b.ref));
  const newTree = request.desired === undefined;
  const serverName = newTree ? request.serverName : request.desired?.serverName;
  const render = (rooms: ImportedRoom[], file: string, declareServerName = false) =>
    renderDeclarations(rooms, {
      schemaPath: schemaPathFrom(file, request.cwd),
      source: request.serverName,
      ...(serverName !== undefined ? { serverName } : {}),
      declareServerName,
    });
  if (!request.write) {
    report.yaml = render(report.imported, posix.join(request.dir, "imported.yaml"), newTree);
    return report;
  }
  const names = assignFileNames(report.imported, request.serverName);
  const files: FileToWrite[] = report.imported.map((room) => {
    const path = posix.join(request.dir, names.get(room.roomId) ?? "");
    return { path, text: render([room], path) };
  });
  if (newTree && files.length > 0) {
    const path = posix.join(request.dir, "server.yaml");
    files.unshift({ path, text: render([], path, true) });
  }
  report.writes = await writeNewFiles(files, request.cwd);
  return report;
}

async function listAllRooms(client: Pick<SynapseClient, "iterateRooms">): Promise<string[]> {
  const ids: string[] = [];
  for await (const room of client.iterateRooms(500)) ids.push(room.roomId);
  return [...new Set(ids)].sort(compare);
}

/** The editor modeline points at schemas/rooms.schema.json in the working directory, relative to the file. */
function schemaPathFrom(file: string, cwd: string): string {
  const from = resolve(cwd, posix.dirname(file));
  return relative(from, resolve(cwd, "schemas/rooms.schema.json")).split(sep).join("/");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
