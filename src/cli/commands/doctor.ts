import type { Command } from "../command.js";
import { UserError } from "../../errors.js";

export const doctorCommand: Command = {
  name: "doctor",
  summary: "(not built yet)",
  usage: "roster doctor",
  description: "Not built yet.",
  examples: [],
  options: {},
  run() {
    return Promise.reject(new UserError("roster doctor is not built yet"));
  },
};
