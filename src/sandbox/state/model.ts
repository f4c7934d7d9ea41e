import type { Clock } from "./clock.js";
import { createIdSource, domainOf } from "./ids.js";
import { RateLimiter } from "./ratelimit.js";
import { hasCreatorPower } from "./room-versions.js";
import { stateKeyOf, type JoinRule, type Membership, type Room, type StateEvent, type User } from "./types.js";

/** How the server is configured where Synapse's answers depend on it. */
export interface ServerConfig {
  unreachableServers?: Iterable<string>;
  /** federation_domain_whitelist; absent: federation reaches every server. */
  federationWhitelist?: Iterable<string>;
  rateLimitsEnabled?: boolean;
}

export interface NewRoom {
  roomId: string;
  version: string;
  creator: string;
  /** Room version 12: further creators, named in the create event's content. */
  additionalCreators?: string[];
  published: boolean;
  blocked: boolean;
}

/** The whole server: users, tokens, rooms, aliases, rate-limit buckets. Rules live in ../rules. */
export class SandboxState {
  readonly users = new Map<string, User>();
  readonly rooms = new Map<string, Room>();
  readonly aliases = new Map<string, string>();
  readonly unreachableServers: Set<string>;
  readonly federationWhitelist: Set<string> | undefined;
  readonly limiter: RateLimiter;
  private readonly tokenToUser = new Map<string, string>();
  private readonly userToToken = new Map<string, string>();
  private readonly ids = createIdSource();
  private usersInOrder: User[] | undefined;
  private eventCount = 0;
  /** Messages sent into rooms (client send API), oldest first, for tests to read back. */
  readonly messages: SentMessage[] = [];

  constructor(
    readonly serverName: string,
    readonly clock: Clock,
    config: ServerConfig = {},
  ) {
    this.unreachableServers = new Set(config.unreachableServers ?? []);
    this.federationWhitelist = config.federationWhitelist ? new Set(config.federationWhitelist) : undefined;
    this.limiter = new RateLimiter(clock, config.rateLimitsEnabled ?? true);
  }

  /**
   * Why federation cannot reach a remote server: refused by federation_domain_whitelist ("denied"),
   * listed in unreachable_servers ("unreachable"), or undefined when it can.
   */
  federationBlock(server: string): "denied" | "unreachable" | undefined {
    if (this.federationWhitelist && !this.federationWhitelist.has(server)) return "denied";
    return this.unreachableServers.has(server) ? "unreachable" : undefined;
  }

  isLocal(userId: string): boolean {
    return domainOf(userId) === this.serverName;
  }

  addUser(user: User): void {
    this.users.set(user.userId, user);
    this.usersInOrder = undefined;
    if (!user.deactivated) this.issueToken(user.userId);
  }

  /**
   * Every user, sorted by user ID (the user list's default order, which Synapse reads off an index),
   * kept until a user is added: paging through N users then costs N per page, not N log N.
   */
  usersByName(): readonly User[] {
    return (this.usersInOrder ??= [...this.users.values()].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)));
  }

  issueToken(userId: string): string {
    const token = this.ids.token(userId.slice(1, userId.indexOf(":")));
    this.tokenToUser.set(token, userId);
    this.userToToken.set(userId, token);
    return token;
  }

  userIdByToken(token: string): string | undefined {
    return this.tokenToUser.get(token);
  }

  tokens(): Record<string, string> {
    return Object.fromEntries(this.userToToken);
  }

  revokeTokens(userId: string): void {
    const token = this.userToToken.get(userId);
    if (token !== undefined) this.tokenToUser.delete(token);
    this.userToToken.delete(userId);
  }

  createRoom(spec: NewRoom): Room {
    const create: StateEvent = {
      type: "m.room.create",
      stateKey: "",
      content: createContent(spec),
      sender: spec.creator,
      eventId: this.ids.eventId(),
      ts: this.clock.now(),
      order: this.eventCount++,
    };
    const room: Room = {
      roomId: spec.roomId,
      version: spec.version,
      creator: spec.creator,
      create,
      state: new Map(),
      members: new Map(),
      joined: new Set(),
      joinedLocal: 0,
      aliases: [],
      published: spec.published,
      blocked: spec.blocked,
    };
    this.rooms.set(room.roomId, room);
    return room;
  }

  newEventId(): string {
    return this.ids.eventId();
  }

  /** Room version 12 IDs have no server part: "!" and the create event's 43-character hash. */
  newRoomId(version = "11"): string {
    return hasCreatorPower(version) ? this.ids.opaqueRoomId() : this.ids.roomId(this.serverName);
  }

  addAlias(room: Room, alias: string): void {
    room.aliases.push(alias);
    this.aliases.set(alias, room.roomId);
  }

  setState(room: Room, type: string, stateKey: string, content: Record<string, unknown>, sender: string): StateEvent {
    const key = stateKeyOf(type, stateKey);
    const previous = room.state.get(key);
    const event = this.newEvent(type, stateKey, content, sender, previous);
    room.state.set(key, event);
    return event;
  }

  getState(room: Room, type: string, stateKey = ""): StateEvent | undefined {
    return room.state.get(stateKeyOf(type, stateKey));
  }

  /** Any current state event, the create and member events included. */
  currentStateEvent(room: Room, type: string, stateKey: string): StateEvent | undefined {
    if (type === "m.room.create") return stateKey === "" ? room.create : undefined;
    if (type === "m.room.member") return room.members.get(stateKey);
    return this.getState(room, type, stateKey);
  }

  setMembership(room: Room, userId: string, membership: Membership, sender: string, extra: Record<string, unknown> = {}): StateEvent {
    const previous = room.members.get(userId);
    const user = this.users.get(userId);
    const profile = membership === "join" || membership === "invite" ? { displayname: user?.displayname ?? null } : {};
    const content = { ...(user?.displayname ? profile : {}), ...extra, membership };
    const event = this.newEvent("m.room.member", userId, content, sender, previous);
    room.members.set(userId, event);
    const wasJoined = room.joined.has(userId);
    const isJoined = membership === "join";
    if (wasJoined !== isJoined) {
      if (isJoined) room.joined.add(userId);
      else room.joined.delete(userId);
      if (this.isLocal(userId)) room.joinedLocal += isJoined ? 1 : -1;
    }
    return event;
  }

  membershipOf(room: Room, userId: string): Membership | undefined {
    return room.members.get(userId)?.content["membership"] as Membership | undefined;
  }

  /** Synapse keeps current state only while a local user is joined (reference §11). */
  serverInRoom(room: Room): boolean {
    return room.joinedLocal > 0;
  }

  /** The join-rules event as the server sees it now: absent when the server is not in the room. */
  joinRulesEvent(room: Room): StateEvent | undefined {
    return this.serverInRoom(room) ? this.getState(room, "m.room.join_rules") : undefined;
  }

  joinRuleOf(room: Room): JoinRule | undefined {
    const rule = this.getState(room, "m.room.join_rules")?.content["join_rule"];
    return typeof rule === "string" ? (rule as JoinRule) : undefined;
  }

  /** Every current state event (create, other state, members). */
  allState(room: Room): StateEvent[] {
    return [room.create, ...room.state.values(), ...room.members.values()];
  }

  now(): number {
    return this.clock.now();
  }

  private newEvent(type: string, stateKey: string, content: Record<string, unknown>, sender: string, previous?: StateEvent): StateEvent {
    return {
      type,
      stateKey,
      content,
      sender,
      eventId: this.ids.eventId(),
      ts: this.clock.now(),
      order: this.eventCount++,
      ...(previous ? { previous } : {}),
    };
  }
}

/** Room versions before 11 also name the creator in the content (v11: implicit, the sender). */
function createContent(spec: NewRoom): Record<string, unknown> {
  const creator = Number(spec.version) < 11 ? { creator: spec.creator } : {};
  const additional = spec.additionalCreators?.length ? { additional_creators: [...spec.additionalCreators] } : {};
  return { room_version: spec.version, ...creator, ...additional };
}

export interface SentMessage {
  roomId: string;
  sender: string;
  type: string;
  content: Record<string, unknown>;
  eventId: string;
  /** The access token's transaction ID: a repeat with the same one answers the same event ID (idempotent). */
  txnKey: string;
}
