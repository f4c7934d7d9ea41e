// @ts-nocheck
import { readFileSync } from "node:fs";

/** The package version, read from package.json next to dist/ (works from src via tsc output too). */
export function packageVersion(): string {
  const url = new URL("../../../package.json", import.meta.url);
  const pkg = JSON.parse(readFileSync(url, "utf8")) as { version?: string };
  return pkg.version ?? "0.0.0";
}
