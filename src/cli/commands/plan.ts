import type { Command } from "../command.js";
import { UserError } from "../../errors.js";

export const planCommand: Command = {
  name: "plan",
  summary: "(not built yet)",
  usage: "roster plan",
  description: "Not built yet.",
  examples: [],
  options: {},
  run() {
    return Promise.reject(new UserError("roster plan is not built yet"));
  },
};
