import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type { Ajv2020 as Ajv2020Class, ValidateFunction } from "ajv/dist/2020.js";
import { UserError } from "../errors.js";
import { HomeserverError } from "../homeserver/errors.js";
import type { SynapseClient } from "../homeserver/client.js";
import { observeState } from "../observe/observe-rooms.js";
import type { Plan } from "../plan/types.js";
import { mapConcurrent } from "../util/concurrency.js";

const planSchemaUrl = new URL("../../../schemas/plan.schema.json", import.meta.url);
let validator: ValidateFunction | undefined;

function planValidator(): ValidateFunction {
  if (validator) return validator;
  // ajv is loaded only here, for a saved plan: a fresh apply never needs it.
  const { Ajv2020 } = createRequire(import.meta.url)("ajv/dist/2020.js") as { Ajv2020: typeof Ajv2020Class };
  // Only the first error is reported, so ajv stops at it. validateSchema off: the schema's own check against the meta-schema is done in test/unit/schemas.test.ts.
  validator = new Ajv2020({ validateSchema: false }).compile(JSON.parse(readFileSync(planSchemaUrl, "utf8")) as object);
  return validator;
}

/** Reads a plan saved by `roster plan --out FILE`, refusing anything that is not one. */
export async function loadSavedPlan(file: string, cwd: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unknown error";
    throw new UserError(`cannot read the saved plan ${file} (${code})`, "Give the file written by `roster plan --out FILE`.");
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UserError(`${file} is not JSON, so not a saved plan`, "Give the file written by `roster plan --out FILE`.");
  }
  const validate = planValidator();
  if (!validate(data)) {
    // ajv reports at least one error, each with a message, when validation fails.
    const first = validate.errors?.[0];
    throw new UserError(`${file} is not a roster plan of this version (${first?.instancePath || "/"} ${first?.message})`, "Make a new one with `roster plan --out FILE`.");
  }
  return data as Plan;
}

/** A saved plan applies only to the server and admin it was made for. */
export function checkPlanTarget(plan: Plan, file: string, serverName: string, admin: string): void {
  if (plan.serverName !== serverName || plan.admin !== admin) {
    throw new UserError(
      `${file} was made for ${plan.admin} on ${plan.serverName}, but this token is ${admin} on ${serverName}`,
      "Apply it with the token it was made with, or make a new plan against this server.",
    );
  }
}

/**
 * Re-reads every room the saved plan would change and returns the rooms whose membership no longer
 * matches the plan's fingerprint, with the reason. Those rooms are refused; the others go ahead.
 */
export async function findStaleRooms(plan: Plan, client: Pick<SynapseClient, "getRoomState">, concurrency: number): Promise<Map<string, string>> {
  const rooms = plan.rooms.filter((room) => room.changes.length > 0 && room.roomId !== undefined);
  const stale = new Map<string, string>();
  await mapConcurrent(rooms, concurrency, async (room) => {
    const roomId = room.roomId as string;
    try {
      const state = await client.getRoomState(roomId);
      const now = state && state.length > 0 ? observeState(room.room, roomId, state).fingerprint : undefined;
      if (now !== room.fingerprint) {
        stale.set(room.room, "its membership or power levels changed since the plan was made; run `roster plan` again and apply the new plan");
      }
    } catch (error) {
      if (!(error instanceof HomeserverError)) throw error;
      stale.set(room.room, `it could not be re-read to check it is unchanged (${error.message})`);
    }
  });
  return stale;
}
