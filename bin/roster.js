#!/usr/bin/env node
import { runFromProcess } from "../dist/src/cli/main.js";

await runFromProcess();
