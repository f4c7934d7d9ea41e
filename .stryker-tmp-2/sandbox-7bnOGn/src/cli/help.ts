// @ts-nocheck
import type { Command, OptionSpec } from "./command.js";

const commonHelp: Record<string, OptionSpec> = {
  help: { type: "boolean", short: "h", description: "show this help" },
};

export function renderCommandHelp(command: Command): string {
  const lines = [`Usage: ${command.usage}`, "", command.description, "", "Options:"];
  const options = { ...command.options, ...commonHelp };
  const labels = Object.entries(options).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : "    ";
    const value = spec.type === "string" ? ` ${spec.valueName ?? "VALUE"}` : "";
    return [`  ${short}--${name}${value}`, spec.description] as const;
  });
  const width = Math.max(...labels.map(([label]) => label.length)) + 2;
  for (const [label, description] of labels) lines.push(label.padEnd(width) + description);
  lines.push("", "Examples:", ...command.examples.map((example) => `  ${example}`));
  return lines.join("\n") + "\n";
}

export function renderMainHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `roster ${version} — GitOps for Matrix room membership`,
    "",
    "Usage: roster COMMAND [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    "Run `roster COMMAND --help` for a command's options and examples.",
    "Connection: MATRIX_HOMESERVER_URL, and MATRIX_ADMIN_TOKEN or MATRIX_ADMIN_TOKEN_FILE.",
    "",
  ].join("\n");
}
