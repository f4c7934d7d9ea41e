// @ts-nocheck
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { UserError } from "../errors.js";

export interface FileToWrite {
  /** Relative to the working directory, with `/`. */
  path: string;
  text: string;
}

export type WriteOutcome =
  | { path: string; status: "written" | "unchanged" }
  | { path: string; status: "refused"; detail: string };

/**
 * Writes each file unless it exists: an identical file is left as it is ("unchanged"), a different one
 * is never overwritten ("refused"). Files are created exclusively, so a file appearing meanwhile is
 * not clobbered either.
 */
export async function writeNewFiles(files: readonly FileToWrite[], cwd: string): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  for (const file of files) outcomes.push(await writeNewFile(file, cwd));
  return outcomes;
}

async function writeNewFile(file: FileToWrite, cwd: string): Promise<WriteOutcome> {
  const absolute = resolve(cwd, file.path);
  const existing = await readIfExists(absolute, file.path);
  if (existing === file.text) return { path: file.path, status: "unchanged" };
  if (existing !== undefined) {
    return { path: file.path, status: "refused", detail: "it already exists with different content, and import never overwrites a file: move it away or merge it by hand" };
  }
  try {
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(absolute, file.text, { flag: "wx" });
    return { path: file.path, status: "written" };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    if (code === "EEXIST") return { path: file.path, status: "refused", detail: "it appeared while import ran; not overwritten" };
    throw new UserError(`could not write ${file.path} (${code})`, "Check that the folder is writable.");
  }
}

async function readIfExists(absolute: string, path: string): Promise<string | undefined> {
  try {
    return await readFile(absolute, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw new UserError(`could not read ${path} to check it before writing (${code ?? "unknown error"})`);
  }
}
