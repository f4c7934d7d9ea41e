// @ts-nocheck
import { connectionOptions } from "../../homeserver/connection.js";
import { dirOption, verboseOption, type Command } from "../command.js";
import { concurrencyOption } from "../options.js";

export const importCommand: Command = {
  name: "import",
  summary: "print (or --write) declarations of rooms as they are now",
  usage: "roster import ROOM… | --all [--dir DIR] [--write]",
  description: [
    "Reads the current joined members of each ROOM (alias or room ID; --all: every room on the server)",
    "from the room's state, and prints YAML declarations after which `roster plan` shows no change for it.",
    "The acting admin and deactivated users are left out; invited users are noted in a comment, not declared.",
    "Rooms already declared in DIR are skipped. A room is declared by its canonical alias, else by its ID.",
    "With --write, each room goes to its own file, DIR/imported/<alias>.yaml (room_<id>.yaml without an",
    "alias); a new tree also gets DIR/server.yaml with server_name. An existing file is never overwritten.",
    "Exit code: 0 ok; 1 when a room cannot be read or a file would be overwritten with different content.",
  ].join("\n"),
  examples: ["roster import '#engineering:acme.test' '!abc:acme.test'", "roster import --all --write", "roster import --all --write --dir rooms && roster plan"],
  positionals: "ROOM",
  options: {
    ...dirOption,
    all: { type: "boolean", description: "import every room on the server (paging through the admin room list)" },
    write: { type: "boolean", description: "write one file per room under DIR/imported/ instead of printing" },
    ...concurrencyOption,
    ...connectionOptions,
    ...verboseOption,
  },
  run: async (ctx) => (await import("./import-run.js")).runImport(ctx),
};
