/**
 * Two app instances sharing Redis (event bus, workflow engine, locking: README "Several instances") and one
 * database, for the push and pull run: the push-chaos scenario again, with every notice delivered to either instance
 * and the sync job started on both instances at once each time (the `paygent:sync` lock lets one run). Same checks,
 * same expected result.
 */
import { SIZES } from "../lib/sizes"
import { Tally } from "../lib/tally"
import type { Scenario } from "../lib/types"
import { pushChaos } from "./push-chaos"

export const redisInstances: Scenario = async (ctx, size) => {
  const deployment = ctx.deployment
  if (!deployment) {
    const tally = new Tally()
    tally.fail("needs process control (npm run campaign), not available here")
    return tally.result()
  }
  const redis = await deployment.redisAvailable()
  if (!redis.ok) {
    const tally = new Tally()
    tally.fail(`${redis.reason}; start Redis or set CAMPAIGN_REDIS_URL`)
    return tally.result()
  }
  await deployment.useRedis(2)
  try {
    const result = await pushChaos(ctx, SIZES[size].redis.notices, "2 instances + Redis")
    result.details.push(`instances: ${ctx.urls().join(", ")}`)
    return result
  } finally {
    await deployment.useSingle()
  }
}
