/**
 * The order in which the test setup looks for each service (environment → the usual one → one it starts or
 * installs → a message), against a fake `System` that records what would have touched the machine.
 */
import { spawn } from "child_process"
import * as fs from "fs"
import * as os from "os"
import * as path from "path"
import { chromium } from "../chromium"
import { parseArgs, provide, NEEDS } from "../main"
import { MissingNeed, type NeedContext, type PgServer, type System } from "../need"
import { postgres } from "../postgres"
import { redis } from "../redis"
import { RunFolder } from "../run-folder"
import { say } from "../say"

jest.mock("../say", () => ({ say: jest.fn() }))

interface Fake {
  system: System
  calls: string[]
  answering: Set<string>
  /** Files that are executables; installing a package adds the one it provides. */
  executables: Set<string>
  japaneseFont: boolean
  aptRefused?: string
}

const PROVIDES: Record<string, string> = { "redis-server": "/usr/bin/redis-server", chromium: "/usr/bin/chromium" }

const key = (server: PgServer) => `${server.user}:${server.password}@${server.host}:${server.port}`

function fakeSystem(): Fake {
  const fake: Fake = {
    calls: [],
    answering: new Set(),
    executables: new Set(),
    japaneseFont: true,
    system: undefined as unknown as System,
  }
  fake.system = {
    postgresRefusal: async (server) => (fake.answering.has(key(server)) ? undefined : "connect ECONNREFUSED"),
    startPostgres: async (options) => {
      fake.calls.push(`start postgres in ${path.basename(options.dataDir)}`)
      return { port: 45678, stop: async () => void fake.calls.push("stop postgres") }
    },
    embeddedPassword: "embedded-pw",
    redisRefusal: async (url) => (fake.answering.has(url) ? undefined : "connect ECONNREFUSED"),
    startRedis: async (options) => {
      fake.calls.push(`start ${options.binary}`)
      return { port: 6390, stop: async () => void fake.calls.push("stop redis") }
    },
    findExecutable: (name) => [...fake.executables].find((file) => path.basename(file) === name),
    isExecutable: (file) => fake.executables.has(file),
    hasJapaneseFont: () => fake.japaneseFont,
    get apt() {
      return {
        refused: fake.aptRefused,
        distro: "debian" as const,
        install: async (packages: string[]) => {
          fake.calls.push(`apt-get install ${packages.join(" ")}`)
          packages.forEach((p) => PROVIDES[p] && fake.executables.add(PROVIDES[p]))
          if (packages.includes("fonts-ipafont-gothic")) fake.japaneseFont = true
        },
      }
    },
  }
  return fake
}

let tmp: string

function context(fake: Fake, env: NodeJS.ProcessEnv = {}): NeedContext {
  return { root: tmp, env: { PATH: "/usr/bin", ...env }, run: new RunFolder(path.join(tmp, ".test-data")), system: fake.system }
}

beforeEach(() => {
  jest.mocked(say).mockClear()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "test-services-"))
  fs.writeFileSync(path.join(tmp, ".env.test"), "# comment\nDB_HOST=localhost\nDB_PORT=5432\nDB_USERNAME=postgres\nDB_PASSWORD=\n")
})

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe("PostgreSQL", () => {
  it("uses the server DB_HOST/DB_PORT name when it answers, and starts nothing", async () => {
    const fake = fakeSystem()
    fake.answering.add("me:secret@localhost:6000")
    const found = await postgres.ensure(context(fake, { DB_PORT: "6000", DB_USERNAME: "me", DB_PASSWORD: "secret" }))
    expect(found.env).toEqual({})
    expect(found.summary).toContain("DB_HOST/DB_PORT")
    expect(fake.calls).toEqual([])
  })

  it("stops with a message when the named server does not answer, instead of using another one", async () => {
    const fake = fakeSystem()
    fake.answering.add("postgres:@localhost:5432")
    const error = await postgres.ensure(context(fake, { DB_HOST: "localhost", DB_PORT: "6000" })).catch((e) => e)
    expect(error).toBeInstanceOf(MissingNeed)
    expect(error.message).toContain("postgres@localhost:6000")
    expect(error.message).toContain("ECONNREFUSED")
    expect(fake.calls).toEqual([])
  })

  it("uses the usual server as .env.test names it when it answers, handing nothing on", async () => {
    const fake = fakeSystem()
    fs.writeFileSync(path.join(tmp, ".env.test"), 'DB_HOST=localhost\nDB_PORT=5433\nDB_USERNAME=postgres\nDB_PASSWORD="pw"\n')
    fake.answering.add("postgres:pw@localhost:5433")
    const found = await postgres.ensure(context(fake))
    expect(found).toEqual({ summary: expect.stringContaining("postgres@localhost:5433"), env: {} })
    expect(fake.calls).toEqual([])
  })

  it("starts an embedded server in the run's folder when none answers, hands it on as DB_*, and stops it at the end", async () => {
    const fake = fakeSystem()
    const ctx = context(fake)
    const found = await postgres.ensure(ctx)
    expect(found.env).toEqual({ DB_HOST: "localhost", DB_PORT: "45678", DB_USERNAME: "postgres", DB_PASSWORD: "embedded-pw" })
    expect(fake.calls).toEqual(["start postgres in pg"])
    expect(fs.existsSync(path.join(tmp, ".test-data", `run-${process.pid}`))).toBe(true)
    await ctx.run.stopAll({ keepLogs: false })
    expect(fake.calls).toEqual(["start postgres in pg", "stop postgres"])
    expect(fs.existsSync(path.join(tmp, ".test-data"))).toBe(false)
  })
})

describe("Redis", () => {
  it("checks CAMPAIGN_REDIS_URL before REDIS_URL and stops when it does not answer", async () => {
    const fake = fakeSystem()
    fake.answering.add("redis://other:6379")
    const error = await redis
      .ensure(context(fake, { CAMPAIGN_REDIS_URL: "redis://:pw@down:6379/3", REDIS_URL: "redis://other:6379" }))
      .catch((e) => e)
    expect(error).toBeInstanceOf(MissingNeed)
    expect(error.message).toContain("CAMPAIGN_REDIS_URL")
    expect(error.message).not.toContain("pw")
  })

  it("uses the system's Redis on 6379 when it answers", async () => {
    const fake = fakeSystem()
    fake.answering.add("redis://127.0.0.1:6379")
    fake.executables.add("/usr/bin/redis-server")
    const found = await redis.ensure(context(fake))
    expect(found.env).toEqual({})
    expect(fake.calls).toEqual([])
  })

  it("starts an installed redis-server and hands it on to the campaign only (database 11)", async () => {
    const fake = fakeSystem()
    fake.executables.add("/usr/bin/redis-server")
    const ctx = context(fake)
    const found = await redis.ensure(ctx)
    expect(found.env).toEqual({ CAMPAIGN_REDIS_URL: "redis://127.0.0.1:6390/11" })
    expect(fake.calls).toEqual(["start /usr/bin/redis-server"])
    await ctx.run.stopAll({ keepLogs: false })
    expect(fake.calls).toContain("stop redis")
  })

  it("installs redis-server with apt-get when it may, then starts it", async () => {
    const fake = fakeSystem()
    const found = await redis.ensure(context(fake))
    expect(fake.calls).toEqual(["apt-get install redis-server", "start /usr/bin/redis-server"])
    expect(found.env.CAMPAIGN_REDIS_URL).toBe("redis://127.0.0.1:6390/11")
  })

  it("names the package and why when it cannot install it, and starts nothing", async () => {
    const fake = fakeSystem()
    fake.aptRefused = "npm test is not running as root"
    const error = await redis.ensure(context(fake)).catch((e) => e)
    expect(error).toBeInstanceOf(MissingNeed)
    expect(error.message).toContain("sudo apt-get install redis-server")
    expect(error.message).toContain("two-instance scenario")
    expect(fake.calls).toEqual([])
  })
})

describe("Chromium", () => {
  it("refuses a CHROMIUM_PATH that is not an executable", async () => {
    const error = await chromium.ensure(context(fakeSystem(), { CHROMIUM_PATH: "/nowhere/chrome" })).catch((e) => e)
    expect(error).toBeInstanceOf(MissingNeed)
    expect(error.message).toContain("/nowhere/chrome")
  })

  it("uses the system's chromium and hands its path on", async () => {
    const fake = fakeSystem()
    fake.executables.add("/usr/bin/chromium")
    const found = await chromium.ensure(context(fake))
    expect(found.env).toEqual({ CHROMIUM_PATH: "/usr/bin/chromium" })
    expect(fake.calls).toEqual([])
  })

  it("installs chromium with the Japanese font when it may", async () => {
    const fake = fakeSystem()
    fake.japaneseFont = false
    const found = await chromium.ensure(context(fake))
    expect(fake.calls).toEqual(["apt-get install chromium fonts-ipafont-gothic"])
    expect(found.env).toEqual({ CHROMIUM_PATH: "/usr/bin/chromium" })
  })

  it("names the package and CHROMIUM_PATH when it cannot install it", async () => {
    const fake = fakeSystem()
    fake.aptRefused = "npm test is not running as root"
    const error = await chromium.ensure(context(fake)).catch((e) => e)
    expect(error).toBeInstanceOf(MissingNeed)
    expect(error.message).toContain("sudo apt-get install chromium")
    expect(error.message).toContain("CHROMIUM_PATH")
  })

  it("only warns about a missing Japanese font it cannot install (the tests read text, not pixels)", async () => {
    const fake = fakeSystem()
    fake.executables.add("/usr/bin/chromium")
    fake.japaneseFont = false
    fake.aptRefused = "npm test is not running as root"
    const found = await chromium.ensure(context(fake))
    expect(found.env).toEqual({ CHROMIUM_PATH: "/usr/bin/chromium" })
    expect(fake.calls).toEqual([])
    expect(jest.mocked(say)).toHaveBeenCalledWith(expect.stringContaining("sudo apt-get install fonts-ipafont-gothic"))
  })
})

describe("the setup step", () => {
  it("reads the needs and the command", () => {
    const parsed = parseArgs(["--needs", "postgres,redis", "--", "jest", "--runInBand", "a.spec.ts"])
    expect(parsed.needs).toEqual([NEEDS.postgres, NEEDS.redis])
    expect(parsed.command).toEqual(["jest", "--runInBand", "a.spec.ts"])
    expect(() => parseArgs(["--needs", "mysql", "--", "true"])).toThrow(/unknown need mysql/)
    expect(() => parseArgs(["--needs", "postgres"])).toThrow(/no command/)
  })

  it("lets a nested run find what the outer run started, through the variables it handed on", async () => {
    const outer = fakeSystem()
    outer.executables.add("/usr/bin/redis-server")
    outer.executables.add("/usr/bin/chromium")
    const env = await provide([NEEDS.postgres, NEEDS.redis, NEEDS.chromium], context(outer))
    expect(outer.calls).toEqual(["start postgres in pg", "start /usr/bin/redis-server"])

    const inner = fakeSystem()
    inner.answering.add("postgres:embedded-pw@localhost:45678")
    inner.answering.add("redis://127.0.0.1:6390/11")
    inner.executables.add("/usr/bin/chromium")
    await provide([NEEDS.postgres, NEEDS.redis, NEEDS.chromium], context(inner, env))
    expect(inner.calls).toEqual([])
  })
})

describe("leftovers of a killed run", () => {
  function started(args: string[]) {
    const child = spawn(process.execPath, args, { stdio: "ignore" })
    return { child, exited: new Promise((resolve) => child.on("exit", resolve)) }
  }

  it("are stopped and deleted by the next run, and a live run's folder is left alone", async () => {
    const base = path.join(tmp, ".test-data")
    // A run whose setup process is gone, with a service it recorded still running.
    const dead = path.join(base, "run-999999999")
    fs.mkdirSync(dead, { recursive: true })
    const service = started(["-e", "setTimeout(() => {}, 60000)", "leftover-service"])
    fs.writeFileSync(path.join(dead, "node.pid"), `${service.child.pid}\n`)
    // A run in progress (its command line names the setup).
    const run = started(["-e", "setTimeout(() => {}, 60000)", "scripts/test-services/run.js"])
    const live = path.join(base, `run-${run.child.pid}`)
    fs.mkdirSync(live)
    try {
      await new RunFolder(base).cleanLeftovers()
      expect(await service.exited).not.toBeUndefined()
      expect(fs.existsSync(dead)).toBe(false)
      expect(fs.existsSync(live)).toBe(true)
      expect(run.child.exitCode).toBeNull()
    } finally {
      service.child.kill("SIGKILL")
      run.child.kill("SIGKILL")
    }
  })
})
