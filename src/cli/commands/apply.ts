import type { Command } from "../command.js";
import { UserError } from "../../errors.js";

export const applyCommand: Command = {
  name: "apply",
  summary: "(not built yet)",
  usage: "roster apply",
  description: "Not built yet.",
  examples: [],
  options: {},
  run() {
    return Promise.reject(new UserError("roster apply is not built yet"));
  },
};
