import { resolve } from "node:path";
import { hasDeclarationFiles } from "../../adopt/import-rooms.js";
import { placeholderAction, scaffoldFiles } from "../../adopt/scaffold.js";
import { writeNewFiles } from "../../adopt/write-files.js";
import { describeServerNameProblem } from "../../declarations/identifiers.js";
import { UsageError, UserError } from "../../errors.js";
import { stringOption, type CommandContext } from "../command.js";
import { connect } from "../connect.js";
import type { Io } from "../io.js";

/** `roster init`'s work, loaded only when the command runs (see init.ts for its options). */
export async function runInit({ io, values, positionals }: CommandContext): Promise<number> {
  if (positionals.length > 1) throw new UsageError(`init takes one folder, got ${positionals.length}`, "Example: roster init membership --server-name example.org");
  const target = resolve(io.cwd, positionals[0] ?? ".");
  const serverName = await chooseServerName(io, values);
  const action = stringOption(values, "action");
  if (action !== undefined && !/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[\w./-]+$/.test(action)) {
    throw new UsageError(`--action "${action}" is not an action reference`, "Give OWNER/REPO@REF, e.g. my-org/roster@v1.");
  }
  const files = await scaffoldFiles({ serverName, ...(action ? { action } : {}), hasDeclarations: await hasDeclarationFiles("rooms", target) });
  const outcomes = await writeNewFiles(files, target);
  for (const outcome of outcomes) {
    if (outcome.status === "refused") io.stdout.write(`kept    ${outcome.path} (it exists with other content; not overwritten)\n`);
    else io.stdout.write(`${outcome.status === "written" ? "wrote  " : "exists "} ${outcome.path}\n`);
  }
  const written = outcomes.filter((o) => o.status === "written").length;
  io.stdout.write(`Init: ${written} written, ${outcomes.length - written} already there, in ${target}.\n\n`);
  io.stdout.write(nextSteps(action === undefined));
  return 0;
}

async function chooseServerName(io: Io, values: CommandContext["values"]): Promise<string> {
  const given = stringOption(values, "server-name");
  if (given !== undefined) {
    const problem = describeServerNameProblem(given);
    if (problem !== undefined) throw new UsageError(`--server-name "${given}" is not a server name: ${problem}`, "Give the part after the colon of your users' IDs, e.g. example.org.");
    return given;
  }
  const hasServer = stringOption(values, "homeserver") ?? io.env["MATRIX_HOMESERVER_URL"];
  if (!hasServer) {
    throw new UserError(
      "init needs the server name to write into rooms/",
      "Give --server-name NAME (the part after the colon of your users' IDs), or set MATRIX_HOMESERVER_URL and the admin token to read it from the server.",
    );
  }
  const { connection } = await connect(values, io);
  return connection.identity.serverName;
}

function nextSteps(placeholder: boolean): string {
  const steps = [
    "Set the repository secrets MATRIX_HOMESERVER_URL and MATRIX_ADMIN_TOKEN (Settings → Secrets and variables → Actions).",
    "Start from the server as it is: roster import --all --write   (then roster plan shows no change)",
    "Check that the admin can act in every room: roster doctor   (roster apply --ensure-admin fixes what it can)",
    ...(placeholder ? [`Replace ${placeholderAction} in .github/workflows/ with the roster release you use (or rerun with --action).`] : []),
    "Commit, push, and protect the default branch (README.md says how).",
  ];
  return `Next steps:\n${steps.map((step, i) => `  ${i + 1}. ${step}\n`).join("")}`;
}
