import PaygentModuleService from "../service"
import { tradingIdFor } from "../trading-id"

const SESSION = "payses_01JFAKE5E55Y0NAAAAAAAAAAAA"
const TRADING = tradingIdFor(SESSION, 2)

/** The module's service over a manager that records each statement and answers with `answer`. */
function ledger(answer: unknown[] = []) {
  const statements: Array<{ sql: string; params: unknown[] }> = []
  const manager = {
    async execute(sql: string, params: unknown[] = []) {
      statements.push({ sql: sql.replace(/\s+/g, " "), params })
      return answer
    },
  }
  const logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined }
  const service = new PaygentModuleService({ logger, manager, baseRepository: {} } as never)
  return { service, statements }
}

describe("the telegram ledger's statements (begin / finish)", () => {
  it("writes the row before a telegram in one insert: pending, redacted request, the session its trading_id names", async () => {
    const { service, statements } = ledger()
    const startedAt = new Date("2026-12-06T12:00:00Z")
    const id = await service.begin(
      {
        id: "t1",
        telegram_kind: "020",
        path: "/n/card/request",
        params: { trading_id: TRADING, payment_amount: "1200", connect_password: "[redacted]" },
        started_at: startedAt,
      },
      "checkout"
    )
    expect(id).toMatch(/^pgtg_/)
    expect(statements).toHaveLength(1)
    expect(statements[0].sql).toContain('insert into "paygent_telegram"')
    const params = statements[0].params
    expect(params[0]).toBe(id)
    expect(params.slice(1, 10)).toEqual(["020", "authorize", "checkout", TRADING, null, SESSION, null, null, 1200])
    expect(JSON.parse(params[10] as string)).toEqual({ trading_id: TRADING, payment_amount: "1200", connect_password: "[redacted]" })
    expect(params[11]).toBe(startedAt)
  })

  it("completes the row in one update, keeping the row's ids where the answer carries none", async () => {
    const { service, statements } = ledger([{ id: "pgtg_1" }])
    await service.finish("pgtg_1", {
      id: "t1",
      telegram_kind: "091",
      path: "/n/difference/inquiry",
      outcome: "success",
      response_code: "",
      response_detail: "",
      fields: { payment_id: "P9", trading_id: TRADING },
      duration_ms: 301.6,
      finished_at: new Date("2026-12-06T12:00:01Z"),
    })
    expect(statements).toHaveLength(1)
    const { sql, params } = statements[0]
    expect(sql).toContain('update "paygent_telegram" set')
    expect(sql).toContain('"paygent_payment_id" = coalesce(?, "paygent_payment_id")')
    expect(params[0]).toBe("success")
    expect(params[6]).toBe(302)
    expect(params.slice(7, 10)).toEqual(["P9", TRADING, SESSION])
    expect(params[params.length - 1]).toBe("pgtg_1")

    statements.length = 0
    await service.finish("pgtg_1", {
      id: "t2",
      telegram_kind: "022",
      path: "/n/card/request",
      outcome: "unknown_outcome",
      response_code: "",
      response_detail: "",
      fields: {},
      duration_ms: 5,
      finished_at: new Date(),
      error: { class: "unknown_outcome", response_code: "", message: "no answer", retryable: false },
    })
    expect(statements[0].params.slice(7, 10)).toEqual([null, null, null])
    expect(statements[0].params[4]).toBe("no answer")
  })

  it("fails when the row to complete is not there, as the generated update did", async () => {
    const { service } = ledger([])
    await expect(
      service.finish("pgtg_missing", {
        id: "t1",
        telegram_kind: "091",
        path: "/",
        outcome: "success",
        response_code: "",
        response_detail: "",
        fields: {},
        duration_ms: 1,
        finished_at: new Date(),
      })
    ).rejects.toThrow(/pgtg_missing/)
  })
})
