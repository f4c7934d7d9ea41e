// @ts-nocheck
import { spawn } from "node:child_process";
import path from "node:path";
import { UserError } from "../errors.js";

export interface DeclarationFile {
  /** Relative to `cwd`, with forward slashes, e.g. `rooms/ops/ops.yaml`: as the working-tree loader names it. */
  path: string;
  text: string;
}

/** A declaration file this large is refused before it is read into memory. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * The `*.yaml` / `*.yml` files under `dir` as they are at git `ref`, without a checkout: resolves
 * the ref to a commit once, lists its tree (`git ls-tree`) and reads each blob (`git cat-file`).
 * Sorted by path. A ref whose tree has no `dir` gives an empty list: nothing was declared there yet.
 * git is spawned with an argument array, never through a shell.
 */
export async function readDeclarationFilesAtRef(ref: string, dir: string, cwd: string): Promise<DeclarationFile[]> {
  const commit = await resolveCommit(ref, cwd);
  const relativeDir = toGitPath(path.relative(cwd, path.resolve(cwd, dir)));
  if (relativeDir.startsWith("../")) {
    throw new UserError(`--dir ${dir} is outside the working directory ${cwd}`, "run roster from the repository root, or give a --dir inside it");
  }
  const listing = await runGit(["ls-tree", "-r", "-l", "-z", commit, "--", relativeDir === "" ? "." : relativeDir], cwd);
  const entries = listing.split("\0").filter((line) => line !== "").map(parseTreeEntry);
  const wanted = entries.filter((entry) => entry.type === "blob" && entry.mode !== "120000" && /\.ya?ml$/i.test(entry.path));
  wanted.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const files: DeclarationFile[] = [];
  for (const entry of wanted) {
    if (entry.size > MAX_FILE_BYTES) {
      throw new UserError(`${entry.path} at ${ref} is ${entry.size} bytes, more than a declaration file may be (${MAX_FILE_BYTES})`, "split it into smaller files");
    }
    files.push({ path: entry.path, text: await runGit(["cat-file", "blob", entry.object], cwd) });
  }
  return files;
}

/** The commit `ref` names. Refuses option-like refs so a ref can never become a git flag. */
async function resolveCommit(ref: string, cwd: string): Promise<string> {
  if (ref === "" || ref.startsWith("-") || /[\0\n]/.test(ref)) {
    throw new UserError(`--base ${JSON.stringify(ref)} is not a git ref`, "give a branch, tag or commit, e.g. --base origin/main");
  }
  try {
    return (await runGit(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], cwd)).trim();
  } catch (error) {
    if (error instanceof GitFailure && error.code === 1 && error.stderr.trim() === "") {
      throw new UserError(
        `--base ${ref}: no such commit in the git repository at ${cwd}`,
        "fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0, then --base origin/${{ github.base_ref }})",
      );
    }
    throw error;
  }
}

interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  size: number;
  path: string;
}

/** `<mode> SP <type> SP <object> SP+ <size> TAB <path>` (ls-tree -l; -z keeps paths unquoted). */
function parseTreeEntry(line: string): TreeEntry {
  const tab = line.indexOf("\t");
  const [mode = "", type = "", object = "", size = "0"] = line.slice(0, tab).split(/ +/);
  return { mode, type, object, size: Number(size) || 0, path: line.slice(tab + 1) };
}

function toGitPath(relative: string): string {
  return relative.split(path.sep).join("/");
}

class GitFailure extends UserError {
  constructor(
    readonly args: readonly string[],
    readonly code: number | null,
    readonly stderr: string,
    cwd: string,
  ) {
    super(describeFailure(args, code, stderr, cwd), hintFor(stderr));
  }
}

function describeFailure(args: readonly string[], code: number | null, stderr: string, cwd: string): string {
  const reason = stderr.trim().split("\n")[0] ?? "";
  return `git ${args[0] ?? ""} failed in ${cwd}${code === null ? "" : ` (exit ${code})`}${reason ? `: ${reason}` : ""}`;
}

function hintFor(stderr: string): string | undefined {
  if (/not a git repository/i.test(stderr)) return "--base needs a git checkout: run roster inside the repository";
  return undefined;
}

function runGit(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" } });
    const stdout: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(error.code === "ENOENT" ? new UserError("git is not installed or not on PATH", "--base reads the declarations with git: install git") : error);
    });
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(stdout).toString("utf8"));
      else reject(new GitFailure(args, code, stderr, cwd));
    });
  });
}
