import type { Command } from "../command.js";
import { UserError } from "../../errors.js";

export const importCommand: Command = {
  name: "import",
  summary: "(not built yet)",
  usage: "roster import",
  description: "Not built yet.",
  examples: [],
  options: {},
  run() {
    return Promise.reject(new UserError("roster import is not built yet"));
  },
};
