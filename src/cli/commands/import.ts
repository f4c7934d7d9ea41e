import { hasDeclarationFiles, importRooms, type ImportReport } from "../../adopt/import-rooms.js";
import { describeRoomProblem, expandRoom, isBareRoom } from "../../declarations/identifiers.js";
import { UsageError } from "../../errors.js";
import { connectionOptions } from "../../homeserver/connection.js";
import { booleanOption, dirOption, stringOption, verboseOption, type Command } from "../command.js";
import { connect } from "../connect.js";
import type { Io } from "../io.js";
import { loadValidDeclarations } from "../load-declarations.js";
import { concurrencyOption, parseConcurrency } from "../options.js";

export const importCommand: Command = {
  name: "import",
  summary: "print (or --write) declarations of rooms as they are now",
  usage: "roster import ROOM… | --all [--dir DIR] [--write]",
  description: [
    "Reads the current joined members of each ROOM (alias or room ID; --all: every room on the server)",
    "from the room's state, and prints YAML declarations after which `roster plan` shows no change for it.",
    "The acting admin and deactivated users are left out; invited users are noted in a comment, not declared.",
    "Rooms already declared in DIR are skipped. A room is declared by its canonical alias, else by its ID.",
    "With --write, each room goes to its own file, DIR/imported/<alias>.yaml (room_<id>.yaml without an",
    "alias); a new tree also gets DIR/server.yaml with server_name. An existing file is never overwritten.",
    "Exit code: 0 ok; 1 when a room cannot be read or a file would be overwritten with different content.",
  ].join("\n"),
  examples: ["roster import '#engineering:acme.test' '!abc:acme.test'", "roster import --all --write", "roster import --all --write --dir rooms && roster plan"],
  positionals: "ROOM",
  options: {
    ...dirOption,
    all: { type: "boolean", description: "import every room on the server (paging through the admin room list)" },
    write: { type: "boolean", description: "write one file per room under DIR/imported/ instead of printing" },
    ...concurrencyOption,
    ...connectionOptions,
    ...verboseOption,
  },
  async run({ io: rawIo, values, positionals }) {
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
  },
};

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
