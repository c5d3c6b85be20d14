import type { Scenario } from "../lib/types"
import { captureRace } from "./capture-race"

/** In the order `npm run campaign` runs them (the secret scan last: it looks at what all the others left). */
export const SCENARIOS: Record<string, Scenario> = {
  "capture-race": captureRace,
}
