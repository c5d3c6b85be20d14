/**
 * One thing the tests need (PostgreSQL, Redis, chromium): found or started by `ensure`, which returns the variables
 * that tell the tests where it is. What touches the machine goes through `System`, so the order of the choices can be
 * unit-tested without starting anything.
 */
import type { Apt } from "./system-packages"
import type { RunFolder } from "./run-folder"

export interface PgServer {
  host: string
  port: number
  user: string
  password: string
}

export interface Stoppable {
  port: number
  stop(): Promise<void>
}

export interface System {
  /** Undefined when the server accepts a connection and a query, else why not. */
  postgresRefusal(server: PgServer): Promise<string | undefined>
  startPostgres(options: { dataDir: string; logFile: string }): Promise<Stoppable>
  /** The embedded server's password (its user is postgres). */
  embeddedPassword: string
  /** Undefined when Redis at `url` answers PING, else why not. */
  redisRefusal(url: string): Promise<string | undefined>
  startRedis(options: { binary: string; dir: string; logFile: string }): Promise<Stoppable>
  findExecutable(name: string): string | undefined
  isExecutable(file: string): boolean
  /** Whether fontconfig knows a font with Japanese glyphs; undefined when that cannot be asked. */
  hasJapaneseFont(): boolean | undefined
  apt: Apt
}

export interface NeedContext {
  root: string
  /** The environment the tests will get, with what earlier needs added. */
  env: NodeJS.ProcessEnv
  run: RunFolder
  system: System
}

export interface Found {
  /** One line for the console: what is used. */
  summary: string
  /** Variables to add to the tests' environment. */
  env: Record<string, string>
}

export interface Need {
  name: string
  ensure(ctx: NeedContext): Promise<Found>
}

/** A need that is missing and cannot be provided here: the message says what needs it, why, and what to install. */
export class MissingNeed extends Error {}
