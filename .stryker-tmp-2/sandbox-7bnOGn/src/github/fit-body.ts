/**
 * GitHub refuses an issue or pull-request comment longer than 65,536 characters ("Body is too long
 * (maximum is 65536 characters)", a 422). GitHub counts characters (Unicode code points); we count
 * UTF-16 code units (String#length), which is never fewer, so a body we accept is accepted there too.
 */
// @ts-nocheck

export const GITHUB_COMMENT_LIMIT = 65_536;

export interface FitOptions {
  /** The result is strictly shorter than this, in UTF-16 code units (default 65,536). */
  limit?: number;
  /** Where the reader finds the whole text, e.g. "the job summary of [this run](https://…)". */
  fullTextAt?: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Returns `body` unchanged when it fits; otherwise cuts it at the last clean boundary (a heading,
 * else a blank line, else a line end) that leaves room for a note saying it was summarised and
 * where the full text is, and closes a code fence left open by the cut.
 */
export function fitCommentBody(body: string, options: FitOptions = {}): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  if (body.length < limit) return body;
  const where = options.fullTextAt ?? "the job summary and the log of this workflow run";
  const note = `\n\n---\n> [!NOTE]\n> Summarised to fit a GitHub comment: the full text is ${body.length.toLocaleString("en-US")} characters and GitHub allows ${limit.toLocaleString("en-US")}. The complete version is in ${where}.\n`;
  let budget = limit - 1 - note.length;
  while (budget > 0) {
    const head = body.slice(0, findCut(body, budget));
    const fence = openFence(head);
    const fitted = head + (fence === undefined ? "" : `\n${fence}`) + note;
    if (fitted.length < limit) return fitted;
    budget -= fitted.length - limit + 1;
  }
  return note.trim().slice(0, limit - 1);
}

/** The end of the kept prefix: at most `budget` code units, at a boundary in the later half when one exists. */
function findCut(body: string, budget: number): number {
  const window = body.slice(0, budget + 1);
  const floor = Math.floor(budget / 2);
  for (const boundary of [/\n(?=#{1,6} )/g, /\n\n/g, /\n/g]) {
    const at = lastMatch(window, boundary);
    if (at >= floor && at <= budget) return at;
  }
  // One enormous line: cut it, but never between the halves of a surrogate pair.
  const code = body.charCodeAt(budget - 1);
  return code >= 0xd800 && code <= 0xdbff ? budget - 1 : budget;
}

function lastMatch(text: string, pattern: RegExp): number {
  let last = -1;
  for (const match of text.matchAll(pattern)) last = match.index;
  return last;
}

/** The fence (``` or ~~~, possibly longer) that is still open at the end of `text`, if any. */
function openFence(text: string): string | undefined {
  let open: string | undefined;
  for (const line of text.split("\n")) {
    const fence = FENCE.exec(line)?.[1];
    if (fence === undefined) continue;
    if (open === undefined) open = fence;
    else if (fence.startsWith(open) && line.trim() === fence) open = undefined;
  }
  return open;
}
