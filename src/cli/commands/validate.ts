import { dirOption, stringOption, type Command } from "../command.js";
import { UsageError } from "../../errors.js";
import { loadDeclarationDir } from "../../declarations/load.js";
import { diagnosticFormats, formatDiagnostics, type DiagnosticFormat } from "../../declarations/format.js";

export const validateCommand: Command = {
  name: "validate",
  summary: "check the declarations offline: YAML, schema and cross-file rules",
  usage: "roster validate [--dir DIR] [--format text|json|github]",
  description: [
    "Reads every *.yaml / *.yml file below DIR (default: rooms) and reports every problem, each as",
    "file:line:column: message. Needs no homeserver. Exit code 0 when valid, 1 when not.",
    "--format json prints an array of {file, line, column, code, message, related?} (empty when valid);",
    "--format github prints workflow commands so each problem shows on its line in a pull request.",
  ].join("\n"),
  examples: ["roster validate", "roster validate --dir rooms --format github", "roster validate --format json | jq '.[].message'"],
  options: {
    ...dirOption,
    format: { type: "string", valueName: "FORMAT", description: "text (default), json or github" },
  },
  async run({ io, values }) {
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
  },
};

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
