/**
 * The I/O edge of declarations: finds `*.yaml` / `*.yml` below a folder (recursively, sorted by path),
 * reads and decodes them, and hands them to the pure parseDeclarations.
 *
 * Decisions: hidden files and folders (name starting with ".") are skipped, so editor lock files and
 * .git never count; a symlink whose target lies outside the folder is refused with a positioned error;
 * symlinked folders are not followed (their target is inside the folder and read there); a file larger
 * than MAX_FILE_BYTES is refused without being read.
 */
// @ts-nocheck


import { lstat, readFile, readdir, realpath, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { UserError } from "../errors.js";
import { compare } from "./combine.js";
import type { Diagnostic } from "./diagnostic.js";
import { parseDeclarations, type DeclarationFile, type ParseResult } from "./parse.js";
import { LineIndex } from "./positions.js";
import { MAX_FILE_BYTES } from "./yaml-tree.js";

const declarationFile = /\.ya?ml$/;

/** Reads every declaration file under `dir` (resolved against `cwd`). Throws UserError when the folder is missing or holds no declarations. */
export async function loadDeclarationDir(dir: string, cwd: string): Promise<ParseResult> {
  const root = resolve(cwd, dir);
  const rootReal = await openFolder(root, dir);
  const folderLinks: string[] = [];
  const found = await findDeclarationFiles(root, folderLinks);
  const problems: Diagnostic[] = await checkFolderLinks(folderLinks, cwd, rootReal);
  if (found.length === 0 && problems.length === 0) {
    throw new UserError(`no declaration files (*.yaml, *.yml) found in "${dir}"`, "Add a file such as rooms/company.yaml, or pass --dir with the folder that holds your declarations.");
  }
  const files: DeclarationFile[] = [];
  for (const absolute of found) {
    const path = relative(cwd, absolute).split(sep).join("/");
    const read = await readDeclarationFile(absolute, path, rootReal);
    if ("text" in read) files.push({ path, text: read.text });
    else problems.push(read);
  }
  const result = parseDeclarations(files);
  const diagnostics = [...problems, ...result.diagnostics].sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column);
  const allFiles = found.map((absolute) => relative(cwd, absolute).split(sep).join("/")).sort(compare);
  return { desired: { ...result.desired, files: allFiles }, diagnostics };
}

async function openFolder(root: string, dir: string): Promise<string> {
  try {
    const info = await stat(root);
    if (!info.isDirectory()) throw new UserError(`"${dir}" is not a folder`, "Pass --dir with the folder that holds your *.yaml declarations.");
    return await realpath(root);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UserError(`declarations folder "${dir}" does not exist (looked for ${root})`, "Run roster in the repository that holds rooms/, or pass --dir DIR.");
    throw new UserError(`cannot open declarations folder "${dir}": ${(error as Error).message}`);
  }
}

/** Declaration files below `folder`, sorted; other symlinks are collected in `links` to be checked. */
async function findDeclarationFiles(folder: string, links: string[]): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await findDeclarationFiles(path, links)));
    // FIFOs, sockets and devices named *.yaml are listed too, so they are refused by name instead of silently skipped.
    else if (declarationFile.test(entry.name)) out.push(path);
    else if (entry.isSymbolicLink()) links.push(path);
  }
  return out.sort(compare);
}

/** A symlinked folder is not followed; one that leads outside the declarations folder is refused. */
async function checkFolderLinks(links: string[], cwd: string, rootReal: string): Promise<Diagnostic[]> {
  const problems: Diagnostic[] = [];
  for (const link of links.sort(compare)) {
    const target = await realpath(link).catch(() => undefined);
    if (target === undefined || target.startsWith(rootReal + sep)) continue;
    if (!(await stat(target)).isDirectory()) continue;
    const file = relative(cwd, link).split(sep).join("/");
    problems.push({ file, line: 1, column: 1, code: "symlink", message: `this symlinked folder points outside the declarations folder (to ${target}); declarations must live inside the folder: copy the files in instead` });
  }
  return problems;
}

async function readDeclarationFile(absolute: string, path: string, rootReal: string): Promise<{ text: string } | Diagnostic> {
  const start = { file: path, line: 1, column: 1 };
  try {
    if ((await lstat(absolute)).isSymbolicLink()) {
      const target = await realpath(absolute).catch(() => undefined);
      if (target === undefined) return { ...start, code: "symlink", message: "this symlink points to nothing: remove it or fix its target" };
      if (!target.startsWith(rootReal + sep)) {
        return { ...start, code: "symlink", message: `this symlink points outside the declarations folder (to ${target}); declarations must live inside the folder: copy the file in instead` };
      }
    }
    const info = await stat(absolute);
    if (!info.isFile()) return { ...start, code: "not-a-file", message: "this is not a regular file: remove it or rename it so it does not end in .yaml/.yml" };
    if (info.size > MAX_FILE_BYTES) {
      return { ...start, code: "file-too-large", message: `file is ${(info.size / 1024 / 1024).toFixed(1)} MiB, more than the ${MAX_FILE_BYTES / 1024 / 1024} MiB limit for a declaration file; split it into several files` };
    }
    return decodeDeclarationBytes(path, await readFile(absolute));
  } catch (error) {
    return { ...start, code: "unreadable", message: `cannot read this file: ${(error as Error).message}` };
  }
}

/**
 * Decodes a file's bytes as UTF-8 (a leading BOM is dropped later by the parser). Invalid bytes give a
 * diagnostic at the line:column where they start. Pure: usable on bytes from `git show`.
 */
export function decodeDeclarationBytes(path: string, bytes: Uint8Array): { text: string } | Diagnostic {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    // Streamed prefixes stay valid up to the first bad byte, so a binary search finds it in ~20 decodes.
    let low = 0;
    let high = bytes.length;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (isValidPrefix(bytes.subarray(0, mid))) low = mid;
      else high = mid - 1;
    }
    const prefix = new TextDecoder("utf-8").decode(bytes.subarray(0, low), { stream: true });
    const pos = new LineIndex(path, prefix).posAt(prefix.length);
    return { ...pos, code: "encoding", message: "file is not valid UTF-8 (an invalid byte sequence starts here); save it as UTF-8" };
  }
}

function isValidPrefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}
