import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import {
  CARD_CLOSED_STATUSES,
  PAYMENT_STATUSES,
  STATUS,
  captureDeadline,
  cardDeadlines,
  isCaptured,
  isCardClosed,
  isPaid,
  isUnpaidEnded,
  statusesForType,
  TELEGRAM_KIND,
  TELEGRAMS,
} from "../paygent"

/*
 * The layers above src/paygent speak Paygent through names (src/paygent/statuses.ts, telegram-kinds.ts, deadlines.ts,
 * methods.ts), not through bare codes. This test counts what is left and fails when a change adds more.
 *
 * A "bare Paygent status literal" is a quoted string literal ('…', "…" or `…` without interpolation) in a .ts / .tsx
 * file under src/, outside src/paygent, src/simulator and tests (__tests__, *.spec.*), that is
 *   1. a payment status code of Paygent's master list (PAYMENT_STATUSES: "10" … "62"), on a line that
 *      a. mentions a status (the word "status" in any case: payment_status, paygentStatus, statusOf …), or
 *      b. is a switch label (`case "40":`), or
 *      c. holds an array / Set literal of two or more quoted strings that are all status codes
 *         (`new Set(["11", "15"])`, `["40", "41"].includes(x)`);
 *   2. or a telegram kind (TELEGRAMS, plus 021 / 022 / 023 / 028 / 029) used in a conditional: compared with
 *      === / !== (either side) or a switch label (`case "029":`).
 * Not counted: the same digits meaning something else (payment class "10" / "61", a width="20" attribute, "30" as a
 * two-digit year), codes in comments, and the names' own definitions in src/paygent.
 */

// PAYGENT_LITERALS_ROOT: count another tree (e.g. an older commit unpacked with `git archive`) for a before / after.
const ROOT = process.env.PAYGENT_LITERALS_ROOT ?? join(__dirname, "..")
/**
 * What remains (#18: 303 before): 11, all inside the admin inbox's SQL statements (src/api/admin/paygent/inbox/sql-*.ts),
 * where the codes are written into the query text. Lower it with every sweep; never raise it.
 */
const LIMIT = 11

const STATUS_CODES = new Set(Object.keys(PAYMENT_STATUSES))
const KINDS = new Set([...Object.keys(TELEGRAMS), ...Object.values(TELEGRAM_KIND)])
const QUOTED = /(["'`])(\d{2,3})\1/g

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      if (name === "__tests__" || name === "node_modules") continue
      out.push(...sourceFiles(path))
    } else if (/\.tsx?$/.test(name) && !/\.spec\./.test(name)) {
      out.push(path)
    }
  }
  return out
}

function withoutComments(line: string): string {
  return line.replace(/\/\*.*?\*\//g, "").replace(/^\s*\*.*$/, "").replace(/\/\/.*$/, "")
}

/** The bare literals of one line of code (see the definition above). */
function bareLiterals(line: string): string[] {
  const code = withoutComments(line)
  const quoted = [...code.matchAll(QUOTED)].map((m) => ({ text: m[2], index: m.index ?? 0, raw: m[0] }))
  if (quoted.length === 0) return []
  const found: string[] = []
  const mentionsStatus = /status/i.test(code)
  const allQuoted = [...code.matchAll(/(["'`])((?:(?!\1).)*)\1/g)].map((m) => m[2])
  const statusList = /(\[|new Set\()/.test(code) && allQuoted.length >= 2 && allQuoted.every((t) => STATUS_CODES.has(t))
  for (const q of quoted) {
    const isCase = new RegExp(`\\bcase\\s*${escape(q.raw)}\\s*:`).test(code)
    const compared = new RegExp(`[!=]==\\s*${escape(q.raw)}|${escape(q.raw)}\\s*[!=]==`).test(code)
    if (STATUS_CODES.has(q.text) && (mentionsStatus || isCase || statusList)) {
      found.push(q.text)
    } else if (KINDS.has(q.text) && (isCase || compared)) {
      found.push(q.text)
    }
  }
  return found
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}

function countByFile(): Map<string, number> {
  const counts = new Map<string, number>()
  for (const file of sourceFiles(ROOT)) {
    const rel = relative(ROOT, file)
    if (rel.startsWith("paygent/") || rel.startsWith("simulator/")) continue
    const n = readFileSync(file, "utf8")
      .split("\n")
      .reduce((sum, line) => sum + bareLiterals(line).length, 0)
    if (n > 0) counts.set(`src/${rel}`, n)
  }
  return counts
}

describe("Paygent vocabulary", () => {
  it("names every status the rules use, with the codes of Paygent's master list", () => {
    for (const code of Object.values(STATUS)) {
      expect(STATUS_CODES.has(code)).toBe(true)
    }
    for (const code of CARD_CLOSED_STATUSES) {
      expect(statusesForType("02")).toContain(code)
    }
  })

  it("tells captured, closed, paid (with and without 速報) and unpaid-ended apart", () => {
    expect([STATUS.CLEARED, STATUS.CLEARED_NO_REFUND].every(isCaptured)).toBe(true)
    expect(isCaptured(STATUS.AUTHORIZED)).toBe(false)
    expect(isCaptured(undefined)).toBe(false)
    expect(["11", "15", "32", "33", "60"].every(isCardClosed)).toBe(true)
    expect(["10", "20", "40", "41", "12", ""].some(isCardClosed)).toBe(false)
    expect(isPaid(STATUS.PRELIMINARY)).toBe(true)
    expect(isPaid(STATUS.PRELIMINARY, { preliminary: false })).toBe(false)
    expect(isPaid(STATUS.CLEARED, { preliminary: false })).toBe(true)
    expect(isPaid(STATUS.APPLIED)).toBe(false)
    expect(["12", "15", "16"].every(isUnpaidEnded)).toBe(true)
    expect(isUnpaidEnded(STATUS.CLEARED)).toBe(false)
  })

  it("has one card deadline rule: the recorded deadline, else 60 days after the authorization", () => {
    const authorizedAt = new Date("2026-01-10T03:00:00.000Z")
    const { capture_deadline } = cardDeadlines(authorizedAt, "JCB", 30)
    expect(captureDeadline({ authorized_at: authorizedAt.toISOString() })?.toISOString()).toBe(capture_deadline)
    expect(captureDeadline({ capture_deadline: "2026-02-01", authorized_at: authorizedAt.toISOString() })?.toISOString()).toBe(
      "2026-02-01T14:59:59.000Z"
    )
    expect(captureDeadline({})).toBeUndefined()
  })

  it("counts a status literal only where it is used as a status or a telegram kind in a conditional", () => {
    expect(bareLiterals(`if (state.payment_status === "40") {`)).toEqual(["40"])
    expect(bareLiterals(`      case "33":`)).toEqual(["33"])
    expect(bareLiterals(`const CLOSED = new Set(["11", "15", "32"])`)).toEqual(["11", "15", "32"])
    expect(bareLiterals(`if (kind === "029") {`)).toEqual(["029"])
    expect(bareLiterals(`if (card.paymentClass === "61") {`)).toEqual([])
    expect(bareLiterals(`      width="20"`)).toEqual([])
    expect(bareLiterals(`  /** status "40" means paid */`)).toEqual([])
    expect(bareLiterals(`const kinds = ["022", "029"]`)).toEqual([])
  })

  it(`leaves at most ${LIMIT} bare Paygent status literals outside src/paygent, the simulator and tests`, () => {
    const counts = countByFile()
    const total = [...counts.values()].reduce((a, b) => a + b, 0)
    if (process.env.PAYGENT_LITERALS_REPORT) {
      console.log([...counts].sort((a, b) => b[1] - a[1]).map(([f, n]) => `${n}\t${f}`).join("\n") + `\n${total}\ttotal`)
    }
    if (total > LIMIT) {
      throw new Error(
        `${total} bare Paygent status literals (limit ${LIMIT}); use the names in src/paygent (STATUS, isCaptured, TELEGRAM_KIND …):\n` +
          [...counts].map(([f, n]) => `  ${n}\t${f}`).join("\n")
      )
    }
  })
})
