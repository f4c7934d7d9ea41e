import { connectionOptions } from "../../homeserver/connection.js";
import { verboseOption, type Command } from "../command.js";

export const initCommand: Command = {
  name: "init",
  summary: "scaffold a membership repository: rooms/, the schema, workflows using the roster action",
  usage: "roster init [DIR] [--server-name NAME] [--action OWNER/roster@vN]",
  description: [
    "Writes into DIR (default: the current folder) what a repository that holds only room membership needs:",
    "rooms/rooms.yaml with server_name (unless rooms/ already holds declarations), schemas/rooms.schema.json",
    "for editors, .github/workflows/roster-pr.yml and roster-apply.yml using the roster action, CODEOWNERS",
    "and a README. The server name comes from --server-name, or else from the token's user (connecting with",
    "MATRIX_HOMESERVER_URL and the admin token). Never overwrites a file: running it again changes nothing.",
  ].join("\n"),
  examples: ["roster init --server-name example.org", "roster init membership --action my-org/roster@v1", "MATRIX_HOMESERVER_URL=https://matrix.example.org MATRIX_ADMIN_TOKEN_FILE=token roster init"],
  positionals: "DIR",
  options: {
    "server-name": { type: "string", valueName: "NAME", description: "the homeserver's server_name (default: the token's server)" },
    action: { type: "string", valueName: "REF", description: "how the workflows name the roster action (default: OWNER/roster@v1, to edit)" },
    ...connectionOptions,
    ...verboseOption,
  },
  run: async (ctx) => (await import("./init-run.js")).runInit(ctx),
};
