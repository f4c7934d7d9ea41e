import { UserError } from "../errors.js";
import type { Env } from "./actions-env.js";

/** What the reusable action (action.yml) was asked to do, read from the ROSTER_INPUT_* variables its step sets. */
export interface ActionInputs {
  command: ActionCommand;
  dir: string;
  /** plan only: the base ref whose declarations mark what the pull request introduces. */
  base?: string;
  githubComment: boolean;
  format?: string;
  /** apply only: the room that gets the run's notice. */
  notify?: string;
  /** Extra arguments, split on white space. */
  args: string[];
}

export const actionCommands = ["validate", "plan", "apply"] as const;
export type ActionCommand = (typeof actionCommands)[number];

export function readActionInputs(env: Env): ActionInputs {
  const input = (name: string) => (env[`ROSTER_INPUT_${name}`] ?? "").trim();
  const command = input("COMMAND");
  if (!(actionCommands as readonly string[]).includes(command)) {
    throw new UserError(`the action's command input is "${command}"`, `Set \`command:\` to one of: ${actionCommands.join(", ")}.`);
  }
  const comment = input("GITHUB_COMMENT").toLowerCase();
  if (!["", "true", "false"].includes(comment)) {
    throw new UserError(`the action's github-comment input is "${comment}"`, "Set `github-comment:` to true or false.");
  }
  const base = input("BASE");
  const format = input("FORMAT");
  const notify = input("NOTIFY");
  return {
    ...(notify ? { notify } : {}),
    command: command as ActionCommand,
    dir: input("DIR") || "rooms",
    ...(base ? { base } : {}),
    githubComment: comment === "true",
    ...(format ? { format } : {}),
    args: input("ARGS").split(/\s+/).filter(Boolean),
  };
}

/** The roster command line for the inputs: annotations by default for validate and plan, `--yes` for apply. */
export function actionArgv(inputs: ActionInputs): string[] {
  const argv: string[] = [inputs.command, "--dir", inputs.dir];
  const format = inputs.format ?? (inputs.command === "apply" ? undefined : "github");
  if (format) argv.push("--format", format);
  if (inputs.command === "plan" && inputs.base) argv.push("--base", inputs.base);
  if (inputs.command !== "validate" && inputs.githubComment) argv.push("--github-comment");
  if (inputs.command === "apply" && inputs.notify) argv.push("--notify", inputs.notify);
  if (inputs.command === "apply") argv.push("--yes");
  return [...argv, ...inputs.args];
}

/** Whether the command talks to the homeserver (and so is the only one handed the token). */
export function needsHomeserver(command: ActionCommand): boolean {
  return command !== "validate";
}

const ansiColour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** The one line that sums the run up: the plan's or apply's summary line, else validate's last line. */
export function summaryLine(stdout: string): string {
  const lines = stdout
    .replaceAll(ansiColour, "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("::"));
  const summary = [...lines].reverse().find((line) => /^(Plan: |Apply complete: |Apply stopped early: )/.test(line));
  return summary ?? lines.at(-1) ?? "";
}

/** The step outputs in the `name<<DELIMITER` form GITHUB_OUTPUT takes, safe for any text. */
export function formatStepOutputs(outputs: Record<string, string>, delimiter: string): string {
  return Object.entries(outputs)
    .map(([name, value]) => `${name}<<${delimiter}\n${value}\n${delimiter}\n`)
    .join("");
}
