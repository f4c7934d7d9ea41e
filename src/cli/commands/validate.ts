import type { Command } from "../command.js";
import { UserError } from "../../errors.js";

export const validateCommand: Command = {
  name: "validate",
  summary: "(not built yet)",
  usage: "roster validate",
  description: "Not built yet.",
  examples: [],
  options: {},
  run() {
    return Promise.reject(new UserError("roster validate is not built yet"));
  },
};
