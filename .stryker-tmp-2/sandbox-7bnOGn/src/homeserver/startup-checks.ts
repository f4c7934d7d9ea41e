// @ts-nocheck
import type { OptionValues } from "../cli/command.js";
import { UserError } from "../errors.js";
import { SynapseClient } from "./client.js";
import { resolveConnection, type ConnectionSettings } from "./connection.js";
import { HomeserverError, ServerUnreachableError } from "./errors.js";
import type { HttpOptions } from "./http.js";

export type StartupCheck = "unreachable" | "not_synapse" | "invalid_token" | "not_admin" | "server_name_mismatch";

/** A start-up check failed (SPEC §3); `check` says which, for tests and machine-readable output. */
export class StartupCheckError extends UserError {
  constructor(
    readonly check: StartupCheck,
    message: string,
    hint: string,
  ) {
    super(message, hint);
  }
}

export interface Identity {
  /** The token's user, e.g. `@admin:acme.test`. */
  userId: string;
  /** The part of userId after the first `:` (may carry a port). */
  serverName: string;
  serverVersion: string;
}

export interface ExpectedServer {
  /** The declared server_name; the check is skipped when absent. */
  serverName?: string;
  /** Where it was declared (e.g. `rooms/groups.yaml:1:1`), named in the mismatch message. */
  declaredAt?: string;
}

/** SPEC §3, in order: the server answers, the token is valid, its user is a server admin, the server_name matches. */
export async function checkConnection(client: SynapseClient, homeserverUrl: string, expected: ExpectedServer = {}): Promise<Identity> {
  const serverVersion = await probeServer(client, homeserverUrl);
  const userId = await identifyToken(client, homeserverUrl);
  const serverName = userId.slice(userId.indexOf(":") + 1);
  const admin = await client.isServerAdmin(userId);
  if (!admin) {
    throw new StartupCheckError(
      "not_admin",
      `the access token belongs to ${userId}, who is not a server admin on ${homeserverUrl}`,
      "roster works through Synapse's admin API: use a server admin's token, or make this user an admin (e.g. register_new_matrix_user --admin, or PUT /_synapse/admin/v2/users/<user> with {\"admin\": true}).",
    );
  }
  if (expected.serverName !== undefined && expected.serverName !== serverName) {
    const where = expected.declaredAt ? ` (${expected.declaredAt})` : "";
    throw new StartupCheckError(
      "server_name_mismatch",
      `the declarations are for server_name ${expected.serverName}${where}, but the token belongs to ${userId} on ${homeserverUrl}`,
      `Point --homeserver and the token at the ${expected.serverName} homeserver, or fix server_name if the declarations are wrong.`,
    );
  }
  return { userId, serverName, serverVersion };
}

/** Two attempts: a wrong URL or a stopped server fails in seconds; a blip in the middle of a run still gets five. */
const PROBE_ATTEMPTS = 2;

async function probeServer(client: SynapseClient, url: string): Promise<string> {
  try {
    return await client.serverVersion(PROBE_ATTEMPTS);
  } catch (error) {
    if (error instanceof ServerUnreachableError) {
      throw new StartupCheckError("unreachable", `cannot reach the homeserver at ${url}: ${error.reason}`, "Check MATRIX_HOMESERVER_URL / --homeserver and that Synapse is running and reachable from here.");
    }
    if (error instanceof HomeserverError && error.status !== undefined && error.status >= 500) {
      throw new StartupCheckError("unreachable", `the homeserver at ${url} is failing: ${error.message}`, "Check the homeserver's logs, then run again.");
    }
    if (error instanceof HomeserverError) {
      throw new StartupCheckError(
        "not_synapse",
        `${url} does not answer like a Synapse homeserver: ${error.message}`,
        error.hint ?? "Point --homeserver at the Synapse base URL serving /_matrix and /_synapse/admin; a reverse proxy may be hiding /_synapse/admin.",
      );
    }
    throw error;
  }
}

async function identifyToken(client: SynapseClient, url: string): Promise<string> {
  try {
    return (await client.whoami()).userId;
  } catch (error) {
    if (!(error instanceof HomeserverError) || error instanceof ServerUnreachableError || (error.status ?? 0) >= 500) throw error;
    const { message, hint } = describeTokenRefusal(error, url);
    throw new StartupCheckError("invalid_token", message, hint);
  }
}

function describeTokenRefusal(error: HomeserverError, url: string): { message: string; hint: string } {
  const renew = "Create a new access token for a server admin and put it in MATRIX_ADMIN_TOKEN or the --token-file file.";
  switch (error.errcode) {
    case "M_UNKNOWN_TOKEN":
      return error.extra?.["soft_logout"] === true
        ? { message: `the access token has expired (M_UNKNOWN_TOKEN, soft logout) on ${url}`, hint: renew }
        : {
            message: `${url} does not recognise the access token (M_UNKNOWN_TOKEN): it is mistyped, logged out, from another server, or its user was deactivated`,
            hint: renew,
          };
    case "M_MISSING_TOKEN":
      return {
        message: `${url} did not receive a usable access token (M_MISSING_TOKEN)`,
        hint: "Check the token is complete; a reverse proxy in front of Synapse may be stripping the Authorization header.",
      };
    case "M_USER_LOCKED":
      return { message: `the token's account is locked on ${url} (M_USER_LOCKED)`, hint: "Unlock the account or use another admin's token." };
    case "ORG_MATRIX_EXPIRED_ACCOUNT":
      return { message: `the token's account has expired on ${url} (ORG_MATRIX_EXPIRED_ACCOUNT)`, hint: "Renew the account or use another admin's token." };
    default:
      return { message: `${url} refused the access token: ${error.message}`, hint: renew };
  }
}

export interface Connection {
  client: SynapseClient;
  identity: Identity;
  settings: ConnectionSettings;
}

/** Resolves settings from flags/env, builds the client and runs the start-up checks: what plan/apply/doctor call first. */
export async function openConnection(
  values: OptionValues,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  expected: ExpectedServer = {},
  httpOverrides: Partial<Omit<HttpOptions, "baseUrl" | "token">> = {},
): Promise<Connection> {
  const settings = await resolveConnection(values, env, cwd);
  const client = SynapseClient.create({
    baseUrl: settings.homeserverUrl,
    token: settings.token,
    requestTimeoutMs: settings.requestTimeoutMs,
    maxWaitMs: settings.maxWaitMs,
    ...httpOverrides,
  });
  const identity = await checkConnection(client, settings.homeserverUrl, expected);
  return { client, identity, settings };
}
