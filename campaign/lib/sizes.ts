import type { Size } from "./types"

/** How big each scenario is at each size. The full size is the issue's; reduced keeps `npm test` short. */
export const SIZES = {
  full: {
    captureRace: { payments: 200, clicks: 10 },
    faults: { faults: 300 },
    doubleFaults: { cases: 140 },
    push: { notices: 1000 },
    forged: { notices: 100 },
    badInput: { subset: false },
    kill: { kills: 20 },
    redis: { notices: 1000 },
    orderChanges: { cases: 30 },
  },
  reduced: {
    captureRace: { payments: 10, clicks: 5 },
    faults: { faults: 30 },
    doubleFaults: { cases: 14 },
    push: { notices: 100 },
    forged: { notices: 20 },
    badInput: { subset: true },
    kill: { kills: 3 },
    redis: { notices: 100 },
    orderChanges: { cases: 6 },
  },
} satisfies Record<Size, unknown>

let seed: number | undefined

/** The seed of this run's random choices: CAMPAIGN_SEED, else one picked at the first call (printed by run.ts). */
export function campaignSeed(): number {
  if (seed === undefined) {
    const given = Number(process.env.CAMPAIGN_SEED)
    seed = Number.isInteger(given) && given > 0 ? given : 1 + (Date.now() % 1_000_000)
  }
  return seed
}
