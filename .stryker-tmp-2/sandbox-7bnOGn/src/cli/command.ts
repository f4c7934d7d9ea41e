// @ts-nocheck
import type { Io } from "./io.js";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** Shown in --help, e.g. "DIR". */
  valueName?: string;
  description: string;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface CommandContext {
  io: Io;
  values: OptionValues;
  positionals: string[];
}

export interface Command {
  name: string;
  /** One line for `roster --help`. */
  summary: string;
  usage: string;
  /** A few sentences for `roster COMMAND --help`. */
  description: string;
  examples: string[];
  options: Record<string, OptionSpec>;
  /** Names positional arguments in usage; without it positionals are refused. */
  positionals?: string;
  run(ctx: CommandContext): Promise<number>;
}

export const dirOption: Record<string, OptionSpec> = {
  dir: { type: "string", valueName: "DIR", description: "folder of declarations (default: rooms)" },
};

export const verboseOption: Record<string, OptionSpec> = {
  verbose: { type: "boolean", short: "v", description: "print more detail (never secrets)" },
};

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

export function booleanOption(values: OptionValues, name: string): boolean {
  return values[name] === true;
}
