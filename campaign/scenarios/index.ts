import type { Scenario } from "../lib/types"
import { badInput } from "./bad-input"
import { captureRace } from "./capture-race"
import { doubleFaults } from "./double-faults"
import { faults } from "./faults"
import { forged } from "./forged-notices"
import { killSync } from "./kill-sync"
import { orderChangeFaults } from "./order-change-faults"
import { push } from "./push-chaos"
import { redisInstances } from "./redis-instances"
import { secretScan } from "./secret-scan"

/** In the order `npm run campaign` runs them (the secret scan last: it looks at what all the others left). */
export const SCENARIOS: Record<string, Scenario> = {
  "capture-race": captureRace,
  faults,
  "double-fault": doubleFaults,
  "order-changes": orderChangeFaults,
  push,
  forged,
  "bad-input": badInput,
  kill: killSync,
  redis: redisInstances,
  "secret-scan": secretScan,
}
