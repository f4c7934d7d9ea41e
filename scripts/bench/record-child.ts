/**
 * Records a plan's reads in a process of its own, so that the recorded answers (tens of MB for plan-1k)
 * never count toward the scenario's peak RSS. argv: the scenario as JSON, the declarations folder, the
 * answers file to write. Prints the recorded requests as one JSON line.
 */
import { loadDeclarationDir } from "../../src/declarations/load.js";
import { recordPlanAnswers } from "./record.js";
import type { Scenario } from "./scenarios.js";

const [scenarioJson = "{}", dir = ".", answersFile = "answers.json"] = process.argv.slice(2);
const { desired } = await loadDeclarationDir(".", dir);
const requests = await recordPlanAnswers(JSON.parse(scenarioJson) as Scenario, desired, answersFile);
process.stdout.write(`${JSON.stringify(requests)}\n`);
