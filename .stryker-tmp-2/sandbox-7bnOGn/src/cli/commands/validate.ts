// @ts-nocheck
import { dirOption, type Command } from "../command.js";

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
  run: async (ctx) => (await import("./validate-run.js")).runValidate(ctx),
};
