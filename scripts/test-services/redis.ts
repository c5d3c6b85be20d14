/**
 * Redis for the campaign's two-instance scenario (two Medusa processes share its event bus, workflow engine and
 * locks), in this order:
 *   1. the one named by the environment (CAMPAIGN_REDIS_URL, else REDIS_URL): it must answer;
 *   2. the usual one on 127.0.0.1:6379 (the campaign then uses its database 11, as it always has);
 *   3. a redis-server the setup starts on a free port (6379 when free) and stops when the tests end, installed with
 *      apt-get first when missing and the setup runs as root on Debian/Ubuntu;
 * otherwise the setup stops with a message naming the package.
 * Only CAMPAIGN_REDIS_URL is handed on: REDIS_URL would also switch the integration tests' Medusa apps to Redis.
 */
import * as path from "path"
import { freePort, sleep, startChild } from "../demo/util"
import { MissingNeed, type Found, type Need, type NeedContext, type Stoppable } from "./need"
import { writePid } from "./run-folder"
import { installHint } from "./system-packages"
import { say } from "./say"

export const USUAL_REDIS = "redis://127.0.0.1:6379"
/** The campaign flushes the database it is given; 11 keeps it off the default one, as without the setup. */
const CAMPAIGN_DB = 11

export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//…@")
}

/** Undefined when Redis at `url` answers PING, else why not. */
export async function redisRefusal(url: string): Promise<string | undefined> {
  const Redis = require("ioredis")
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: () => null })
  // ioredis rejects with "Connection is closed."; the cause (ECONNREFUSED…) comes as an error event first.
  let cause: string | undefined
  client.on("error", (error: Error) => {
    cause ??= error.message
  })
  try {
    await client.connect()
    const answer = await client.ping()
    return answer === "PONG" ? undefined : `PING answered ${answer}`
  } catch (error) {
    return cause ?? (error instanceof Error ? error.message : String(error))
  } finally {
    client.disconnect()
  }
}

/** redis-server in the foreground on 127.0.0.1 and a free port, nothing written to disk. */
export async function startRedisServer(options: { binary: string; dir: string; logFile: string }): Promise<Stoppable> {
  const port = await freePort(6379)
  const child = startChild(
    options.binary,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", options.dir, "--daemonize", "no"],
    { logFile: options.logFile }
  )
  writePid(options.dir, "redis-server", child.process.pid!)
  const url = `redis://127.0.0.1:${port}`
  const deadline = Date.now() + 15_000
  let why = await redisRefusal(url)
  while (why && child.alive() && Date.now() < deadline) {
    await sleep(100)
    why = await redisRefusal(url)
  }
  if (why) {
    await child.stop()
    throw new Error(`redis-server did not answer on port ${port} (${why}); see ${options.logFile}`)
  }
  return { port, stop: () => child.stop(5_000) }
}

const PACKAGES = { debian: ["redis-server"], ubuntu: ["redis-server"], brew: "redis" }

export const redis: Need = {
  name: "Redis",
  async ensure(ctx: NeedContext): Promise<Found> {
    const { system, env } = ctx
    const variable = env.CAMPAIGN_REDIS_URL ? "CAMPAIGN_REDIS_URL" : env.REDIS_URL ? "REDIS_URL" : undefined
    if (variable) {
      const url = env[variable]!
      const why = await system.redisRefusal(url)
      if (why) {
        throw new MissingNeed(`${variable} names the Redis ${redactUrl(url)}, which does not answer (${why}). Start it, or unset ${variable}.`)
      }
      return { summary: `${redactUrl(url)} (${variable})`, env: {} }
    }
    const why = await system.redisRefusal(USUAL_REDIS)
    if (!why) {
      return { summary: `${USUAL_REDIS} (the system's; the campaign uses database ${CAMPAIGN_DB})`, env: {} }
    }
    let binary = system.findExecutable("redis-server")
    if (!binary && !system.apt.refused) {
      await system.apt.install(PACKAGES[system.apt.distro!])
      // Debian's package starts its service where it can: that is then the system's Redis.
      if (!(await system.redisRefusal(USUAL_REDIS))) {
        return { summary: `${USUAL_REDIS} (redis-server just installed; its service started)`, env: {} }
      }
      binary = system.findExecutable("redis-server")
    }
    if (!binary) {
      throw new MissingNeed(
        `The fault campaign (npm run test:campaign) needs Redis: its two-instance scenario runs two Medusa processes ` +
          `that share Redis's event bus, workflow engine and locks. None answers at ${USUAL_REDIS} (${why}) and ` +
          `redis-server is not installed: ${installHint(PACKAGES, system.apt)}, or set REDIS_URL to a Redis whose ` +
          "database may be flushed."
      )
    }
    say(`no Redis at ${USUAL_REDIS} (${why}): starting ${binary}`)
    const dir = await ctx.run.dir()
    const server = await system.startRedis({ binary, dir, logFile: path.join(dir, "redis.log") })
    ctx.run.onStop(`redis-server on port ${server.port}`, () => server.stop())
    const url = `redis://127.0.0.1:${server.port}/${CAMPAIGN_DB}`
    return { summary: `redis-server started on 127.0.0.1:${server.port}`, env: { CAMPAIGN_REDIS_URL: url } }
  },
}
