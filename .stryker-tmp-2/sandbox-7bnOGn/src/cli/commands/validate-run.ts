// @ts-nocheck
import { stringOption, type CommandContext } from "../command.js";
import { UsageError } from "../../errors.js";
import { loadDeclarationDir } from "../../declarations/load.js";
import { diagnosticFormats, formatDiagnostics, type DiagnosticFormat } from "../../declarations/format.js";

/** `roster validate`'s work, loaded only when the command runs (see validate.ts for its options). */
export async function runValidate({ io, values }: CommandContext): Promise<number> {
  const format = (stringOption(values, "format") ?? "text") as DiagnosticFormat;
  if (!diagnosticFormats.includes(format)) {
    throw new UsageError(`unknown --format "${format}" for validate`, `Use one of: ${diagnosticFormats.join(", ")}.`);
  }
  const dir = stringOption(values, "dir") ?? "rooms";
  const { desired, diagnostics } = await loadDeclarationDir(dir, io.cwd);
  io.stdout.write(formatDiagnostics(diagnostics, format));
  if (format === "json") return diagnostics.length === 0 ? 0 : 1;
  const files = desired.files.length;
  if (diagnostics.length === 0) {
    const server = desired.serverName ? `, server_name ${desired.serverName}` : "";
    io.stdout.write(`${dir}: ${files} ${plural(files, "file")} valid — ${desired.rooms.length} ${plural(desired.rooms.length, "room")}, ${desired.groups.length} ${plural(desired.groups.length, "group")}${server}.\n`);
    return 0;
  }
  const affected = new Set(diagnostics.map((d) => d.file)).size;
  io.stdout.write(`${dir}: ${diagnostics.length} ${plural(diagnostics.length, "error")} in ${affected} of ${files} ${plural(files, "file")}.\n`);
  return 1;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
