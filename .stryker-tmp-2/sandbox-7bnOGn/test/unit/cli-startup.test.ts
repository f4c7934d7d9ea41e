// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// `roster --help`, `--version` and `validate` should start without the HTTP client: each command's work is
// imported only when it runs (src/cli/commands/*-run.ts). This guards that split against a stray static import.
const mainModule = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

/** The npm packages (CommonJS ones, which is what undici and ajv are) loaded by importing the CLI's main module. */
function packagesLoadedByMain(): string[] {
  const script = `
    import(${JSON.stringify(mainModule)}).then(() => {
      const names = Object.keys(require.cache).map((file) => (file.match(/node_modules\\/((@[^/]+\\/)?[^/]+)/) ?? [])[1]).filter(Boolean);
      process.stdout.write(JSON.stringify([...new Set(names)].sort()));
    });`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as string[];
}

test("loading the CLI does not load the HTTP client or the schema validator until a command needs them", () => {
  const loaded = packagesLoadedByMain();
  assert.ok(!loaded.includes("undici"), `undici is loaded at start-up: ${loaded.join(", ")}`);
  assert.ok(!loaded.includes("ajv"), `ajv is loaded at start-up: ${loaded.join(", ")}`);
});
