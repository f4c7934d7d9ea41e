// @ts-nocheck
import { loadDeclarationDir } from "../declarations/load.js";
import { formatDiagnosticsText } from "../declarations/format.js";
import type { Desired } from "../declarations/model.js";
import { UserError } from "../errors.js";
import { stringOption, type OptionValues } from "./command.js";
import type { Io } from "./io.js";

/** Loads --dir for commands that talk to the server; invalid declarations print every problem and stop the run. */
export async function loadValidDeclarations(values: OptionValues, io: Io): Promise<Desired> {
  const dir = stringOption(values, "dir") ?? "rooms";
  const { desired, diagnostics } = await loadDeclarationDir(dir, io.cwd);
  if (diagnostics.length > 0) {
    io.stderr.write(formatDiagnosticsText(diagnostics));
    throw new UserError(`the declarations in ${dir} have ${diagnostics.length} problem${diagnostics.length === 1 ? "" : "s"} (listed above); nothing was read from the server`, "Fix them (roster validate shows the same list), then run again.");
  }
  return desired;
}
