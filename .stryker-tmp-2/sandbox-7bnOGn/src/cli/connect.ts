// @ts-nocheck
import type { Desired } from "../declarations/model.js";
import { formatPos } from "../declarations/diagnostic.js";
import { createRedactor } from "../homeserver/redact.js";
import { openConnection, type Connection } from "../homeserver/startup-checks.js";
import type { OptionValues } from "./command.js";
import type { Io, OutputStream } from "./io.js";

/**
 * Opens the connection (settings, start-up checks) and returns an Io whose output can never carry the
 * token, whatever ends up in a message.
 */
export async function connect(values: OptionValues, io: Io, desired?: Desired): Promise<{ connection: Connection; io: Io }> {
  const expected = desired?.serverName
    ? { serverName: desired.serverName, ...(desired.serverNamePos ? { declaredAt: formatPos(desired.serverNamePos) } : {}) }
    : {};
  const verbose = values["verbose"] === true;
  const connection = await openConnection(values, io.env, io.cwd, expected, {
    ...io.timing,
    ...(verbose
      ? {
          onEvent: (event) => {
            if (event.type === "response") io.stderr.write(`  ${event.method} ${event.path} → ${event.status} (${Math.round(event.durationMs)} ms)\n`);
            else io.stderr.write(`  retrying ${event.method} ${event.path} in ${Math.round(event.waitMs)} ms: ${event.cause}\n`);
          },
        }
      : {}),
  });
  const redact = createRedactor(connection.settings.token);
  const guard = (stream: OutputStream): OutputStream => ({ write: (text: string) => stream.write(redact(text)), ...(stream.isTTY !== undefined ? { isTTY: stream.isTTY } : {}) });
  return { connection, io: { ...io, stdout: guard(io.stdout), stderr: guard(io.stderr) } };
}
