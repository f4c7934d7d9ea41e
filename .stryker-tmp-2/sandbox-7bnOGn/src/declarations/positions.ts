// @ts-nocheck
import type { SourcePos } from "./model.js";

/**
 * Turns offsets into 1-based line:column (columns count UTF-16 code units, as editors mostly do).
 * Lines end at LF, CRLF or a lone CR, as YAML and editors count them.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(
    private readonly file: string,
    text: string,
  ) {
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  posAt(offset: number): SourcePos {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { file: this.file, line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }
}

export function startOfFile(file: string): SourcePos {
  return { file, line: 1, column: 1 };
}
