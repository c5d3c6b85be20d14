/** The real `System`: pg and ioredis probes, the demo's embedded PostgreSQL, redis-server, fontconfig, apt-get. */
import { execFileSync } from "child_process"
import { DEMO_DB_PASSWORD, startEmbeddedPostgres } from "../demo/postgres"
import type { System } from "./need"
import { postgresRefusal } from "./postgres"
import { redisRefusal, startRedisServer } from "./redis"
import { apt, findExecutable, isExecutable } from "./system-packages"

function hasJapaneseFont(): boolean | undefined {
  const fcList = findExecutable("fc-list")
  if (!fcList) {
    return undefined
  }
  try {
    return execFileSync(fcList, [":lang=ja", "family"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() !== ""
  } catch {
    return undefined
  }
}

export function realSystem(aptLogFile: string): System {
  return {
    postgresRefusal,
    startPostgres: (options) => startEmbeddedPostgres({ ...options, port: 0 }),
    embeddedPassword: DEMO_DB_PASSWORD,
    redisRefusal,
    startRedis: startRedisServer,
    findExecutable: (name) => findExecutable(name),
    isExecutable,
    hasJapaneseFont,
    apt: apt(aptLogFile),
  }
}
