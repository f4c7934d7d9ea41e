// @ts-nocheck
import { hasDeclarationFiles, importRooms, type ImportReport } from "../../adopt/import-rooms.js";
import { describeRoomProblem, expandRoom, isBareRoom } from "../../declarations/identifiers.js";
import { UsageError } from "../../errors.js";
import { booleanOption, stringOption, type CommandContext } from "../command.js";
import { connect } from "../connect.js";
import type { Io } from "../io.js";
import { loadValidDeclarations } from "../load-declarations.js";
import { parseConcurrency } from "../options.js";

/** `roster import`'s work, loaded only when the command runs (see import.ts for its options). */
export async function runImport({ io: rawIo, values, positionals }: CommandContext): Promise<number> {
  const all = booleanOption(values, "all");
  if (all === (positionals.length > 0)) throw new UsageError(all ? "give rooms or --all, not both" : "name the rooms to import, or pass --all", "Example: roster import '#engineering:acme.test'");
  const concurrency = parseConcurrency(values);
  const dir = stringOption(values, "dir") ?? "rooms";
  const existing = await hasDeclarationFiles(dir, rawIo.cwd);
  const desired = existing ? await loadValidDeclarations(values, rawIo) : undefined;
  const { connection, io } = await connect(values, rawIo, desired);
  const { userId: admin, serverName } = connection.identity;
  const targets = all ? "all" : positionals.map((room) => expandTarget(room, desired?.serverName ?? serverName));
  const write = booleanOption(values, "write");
  const report = await importRooms({ targets, dir, cwd: io.cwd, desired, admin, serverName, write, concurrency }, connection.client);
  if (report.yaml !== undefined && report.imported.length > 0) io.stdout.write(report.yaml);
  printReport(report, write, io, dir);
  return report.errors.length > 0 || report.writes.some((w) => w.status === "refused") ? 1 : 0;
}

function expandTarget(room: string, serverName: string): string {
  const problem = describeRoomProblem(room);
  if (problem !== undefined) throw new UsageError(`"${room}" is not a room alias or ID: ${problem}`, "Give #alias:server, #alias or !roomid:server.");
  return isBareRoom(room) ? expandRoom(room, serverName) : room;
}

/** Progress and problems: on stdout with --write, on stderr when stdout carries the YAML. */
function printReport(report: ImportReport, write: boolean, io: Io, dir: string): void {
  const out = write ? io.stdout : io.stderr;
  for (const error of report.errors) io.stderr.write(`error: ${error.target}: ${error.detail}\n`);
  for (const left of report.left) out.write(`skipped ${left.target} (${left.roomId}): no local user is left in it, so there is nothing to import\n`);
  for (const skipped of report.skipped) out.write(`skipped ${skipped.room}: already declared at ${skipped.where}\n`);
  for (const w of report.writes) {
    if (w.status === "refused") io.stderr.write(`error: not writing ${w.path}: ${w.detail}\n`);
    else out.write(`${w.status === "written" ? "wrote" : "unchanged"} ${w.path}\n`);
  }
  const written = report.writes.filter((w) => w.status === "written").length;
  const parts = [`${report.imported.length} imported`, `${report.skipped.length} already declared`, `${report.errors.length} unreadable`];
  if (write) parts.push(`${written} files written`);
  out.write(`Import: ${parts.join(", ")}.\n`);
  if (write && written === 0 && report.errors.length === 0 && !report.writes.some((w) => w.status === "refused")) {
    out.write(`Nothing changed in ${dir}: every room is already declared there.\n`);
  }
}
