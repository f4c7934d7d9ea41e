/**
 * Part of `npm run build`: compiles schemas/rooms.schema.json once, with ajv's standalone code
 * generation, into dist/src/declarations/rooms-validator.generated.cjs. Every command that loads
 * declarations then runs that plain function instead of loading ajv and compiling the schema in each
 * process (about a tenth of a second of every run's start). schema-check.ts falls back to compiling at
 * run time when the file is missing (a bare `tsc`), and a unit test checks the file is current.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateRoomsValidator, roomsValidatorFile } from "../src/declarations/rooms-validator.js";

writeFileSync(fileURLToPath(roomsValidatorFile), generateRoomsValidator());
