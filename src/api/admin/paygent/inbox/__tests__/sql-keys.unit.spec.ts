import * as fs from "fs"
import * as path from "path"
import { CAPTURE_DEADLINE_KEY, isoKeyOf, jstKeyOf, SESSION_DEADLINE_KEY } from "../sql-keys"

const MIGRATION = path.join(__dirname, "../../../../../modules/paygent/migrations/Migration20261128150000.ts")
const squash = (sql: string) => sql.replace(/\s+/g, " ").replace(/\( /g, "(").replace(/ \)/g, ")").trim()

describe("inbox deadline keys", () => {
  // PostgreSQL uses an expression index only for the very expression it was built on.
  it("are the expressions the migration indexes", () => {
    const migration = squash(fs.readFileSync(MIGRATION, "utf8"))
    for (const key of [SESSION_DEADLINE_KEY, CAPTURE_DEADLINE_KEY]) {
      expect(migration).toContain(squash(key.replace(/X\./g, "")))
    }
  })

  it("turn a moment into the key strings the SQL builds: JST local time, and ISO 8601 UTC", () => {
    expect(jstKeyOf(new Date("2026-03-15T14:59:59.000Z"))).toBe("20260315235959")
    expect(jstKeyOf(new Date("2026-03-15T15:00:00.999Z"))).toBe("20260316000000")
    expect(jstKeyOf(new Date("2026-12-31T23:00:00+09:00"))).toBe("20261231230000")
    expect(isoKeyOf(new Date("2026-03-15T14:59:59+09:00"))).toBe("2026-03-15T05:59:59.000Z")
  })
})
