import type { Command } from "../command.js";
import { UserError } from "../../errors.js";

export const sandboxCommand: Command = {
  name: "sandbox",
  summary: "(not built yet)",
  usage: "roster sandbox",
  description: "Not built yet.",
  examples: [],
  options: {},
  run() {
    return Promise.reject(new UserError("roster sandbox is not built yet"));
  },
};
