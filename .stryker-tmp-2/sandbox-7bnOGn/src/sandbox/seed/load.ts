// @ts-nocheck
import { readFile } from "node:fs/promises";
import { load, YAMLException } from "js-yaml";
import { UserError } from "../../errors.js";

/** Reads a YAML or JSON seed file (JSON is valid YAML); validation happens when it is built. */
export async function readSeedFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read seed file ${path}${code ? ` (${code})` : ""}`, "Check the path given to --seed.");
  }
  try {
    return load(text, { filename: path });
  } catch (error) {
    if (error instanceof YAMLException) throw new UserError(`seed file ${path} is not valid YAML: ${error.reason} at line ${(error.mark?.line ?? 0) + 1}`);
    throw error;
  }
}
