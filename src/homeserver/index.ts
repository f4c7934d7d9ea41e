/** The homeserver boundary: one import for observe, apply and the CLI. */
export { SynapseClient, type WhoAmI, type PageRequest } from "./client.js";
export { createHttp } from "./http.js";
export { DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_WAIT_MS, DEFAULT_REQUEST_TIMEOUT_MS } from "./defaults.js";
export type { Http, HttpEvent, HttpMethod, HttpOptions, RequestSpec } from "./http.js";
export { HomeserverError, RateLimitedError, ServerUnreachableError, type RequestFailure } from "./errors.js";
export { connectionOptions, resolveConnection, isLoopbackHost, parseSeconds, type ConnectionSettings } from "./connection.js";
export { checkConnection, openConnection, StartupCheckError } from "./startup-checks.js";
export type { Connection, ExpectedServer, Identity, StartupCheck } from "./startup-checks.js";
export * from "./room-state.js";
export type { RatelimitOverride, ResolvedAlias, RoomInfo, RoomPage, StateEvent, UserInfo, UserPage } from "./types.js";
export { route, encodeSegment, type Route } from "./route.js";
