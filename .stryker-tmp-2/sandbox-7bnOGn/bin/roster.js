#!/usr/bin/env node
// @ts-nocheck
import { runFromProcess } from "../dist/src/cli/main.js";

await runFromProcess();
