import { PaygentRecords } from "../../modules/paygent/records"
import type PaygentModuleService from "../../modules/paygent/service"
import type { NewNotice, NoticeKey, StoredNotice } from "../../modules/paygent/types"
import { tradingIdFor } from "../../modules/paygent/trading-id"
import { storeNotice } from "../store"
import type { ReportedStatus } from "../reported"

const SESSION = "payses_01JFAKE5E55Y0NAAAAAAAAAAAA"
const TRADING = tradingIdFor(SESSION, 1)

function pulled(overrides: Partial<ReportedStatus> = {}): ReportedStatus {
  return {
    payment_notice_id: "42",
    payment_id: "P100",
    trading_id: TRADING,
    payment_type: "03",
    payment_status: "40",
    payment_amount: "1200",
    change_date: "20261206120000",
    ...overrides,
  } as ReportedStatus
}

/**
 * The module's service as store.ts uses it, over an in-memory table with the module's rules: a payment_notice_id
 * is stored once (what `insert … on conflict do nothing` does), a notice without one is a plain insert.
 */
function fakeService(inquiry: Record<string, string> | Error = new Error("no inquiry expected")) {
  const rows: StoredNotice[] = []
  const calls: string[] = []
  const alerts: Array<{ kind: string; dedupe_key?: string }> = []
  let next = 0
  const matches = (row: StoredNotice, key: NoticeKey) =>
    key.payment_notice_id !== null
      ? row.payment_notice_id === key.payment_notice_id
      : row.payment_notice_id === null &&
        row.paygent_payment_id === key.paygent_payment_id &&
        row.trading_id === key.trading_id &&
        row.payment_status === key.payment_status
  const service = {
    async storeNotice(row: NewNotice) {
      calls.push(`storeNotice ${row.payment_notice_id ?? "-"}`)
      const existing = row.payment_notice_id ? rows.find((r) => r.payment_notice_id === row.payment_notice_id) : undefined
      if (existing) return { notice: existing, created: false }
      const notice = { ...row, id: `pgnt_${++next}`, received_count: 1, apply_attempts: 0, applied_at: null } as unknown as StoredNotice
      rows.push(notice)
      return { notice, created: true }
    },
    async findNotice(key: NoticeKey) {
      calls.push(`findNotice ${key.payment_notice_id ?? "-"}`)
      return rows.find((row) => matches(row, key))
    },
    async noteNoticeReceived(id: string) {
      calls.push(`noteNoticeReceived ${id}`)
      const row = rows.find((r) => r.id === id)!
      row.received_count = (row.received_count ?? 1) + 1
    },
    async raiseAlerts(list: Array<{ kind: string; dedupe_key?: string }>) {
      alerts.push(...list)
      return list.length
    },
    siteId: () => undefined,
    client: () => ({
      async paymentInquiry() {
        if (inquiry instanceof Error) throw inquiry
        return inquiry
      },
    }),
    async createPaygentNoticeAnomalies() {
      return []
    },
    async countNoticeAnomaly() {
      return undefined
    },
  }
  return { service: service as unknown as PaygentModuleService, rows, calls, alerts }
}

describe("storeNotice (src/notices/store.ts)", () => {
  it("stores a new record with a payment_notice_id in one call, without looking it up first", async () => {
    const { service, rows, calls } = fakeService()
    const stored = await storeNotice(service, { ...pulled(), hc: "secret-hash" } as ReportedStatus, "pull")
    expect(stored.created).toBe(true)
    expect(calls).toEqual(["storeNotice 000000000000000042"])
    expect(rows).toHaveLength(1)
    expect(stored.notice).toMatchObject({
      payment_notice_id: "000000000000000042",
      paygent_payment_id: "P100",
      trading_id: TRADING,
      payment_session_id: SESSION,
      received_via: "pull",
    })
    // The notice hash is never stored.
    expect(JSON.stringify(stored.notice.fields)).not.toContain("secret-hash")
  })

  it("returns a duplicate (same id, same content) as stored before and counts the arrival", async () => {
    const { service, rows, calls } = fakeService()
    const first = await storeNotice(service, pulled(), "push")
    calls.length = 0
    const again = await storeNotice(service, pulled(), "pull")
    expect(again).toEqual({ notice: first.notice, created: false })
    expect(rows).toHaveLength(1)
    expect(rows[0].received_count).toBe(2)
    expect(calls).toEqual(["storeNotice 000000000000000042", `noteNoticeReceived ${first.notice.id}`])
  })

  it("hands a duplicate's count to `defer` instead of awaiting it, when asked to", async () => {
    const { service, rows } = fakeService()
    await storeNotice(service, pulled(), "push")
    const deferred: Array<() => Promise<void>> = []
    const again = await storeNotice(service, pulled(), "pull", new Date(), { defer: (work) => deferred.push(work) })
    expect(again.created).toBe(false)
    expect(rows[0].received_count).toBe(1)
    expect(deferred).toHaveLength(1)
    await deferred[0]()
    expect(rows[0].received_count).toBe(2)
  })

  it("does not take a reused id (same id, other content) for a duplicate: alerts, and stores what 094 confirms", async () => {
    const { service, rows, alerts } = fakeService({ payment_id: "P200", trading_id: TRADING, payment_type: "03", payment_status: "40", payment_amount: "1200" })
    await storeNotice(service, pulled({ payment_status: "10", payment_id: "P200" }), "push")
    const reused = await storeNotice(service, pulled({ payment_id: "P200" }), "pull")
    expect(alerts.map((alert) => alert.kind)).toEqual(["notice_id_reused"])
    // The confirmed status is stored as learnt by inquiry (no payment_notice_id) and returned for applying.
    expect(reused.created).toBe(true)
    expect(reused.notice).toMatchObject({ payment_notice_id: null, payment_status: "40", received_via: "inquiry" })
    expect(rows).toHaveLength(2)
    expect(rows[0].received_count).toBe(2)
  })

  it("stores nothing new for a reused id whose content 094 does not confirm, and returns the stored row", async () => {
    const { service, rows, alerts } = fakeService({ payment_id: "P100", trading_id: TRADING, payment_type: "03", payment_status: "10" })
    const first = await storeNotice(service, pulled({ payment_status: "10" }), "push")
    const reused = await storeNotice(service, pulled(), "pull")
    expect(alerts).toHaveLength(1)
    expect(reused).toEqual({ notice: first.notice, created: false })
    expect(rows).toHaveLength(1)
  })

  it("stores a status learnt by inquiry (no payment_notice_id) once per payment and status, looked up first", async () => {
    const { service, rows, calls } = fakeService()
    const status = pulled({ payment_notice_id: undefined })
    const first = await storeNotice(service, status, "inquiry")
    const again = await storeNotice(service, status, "inquiry")
    expect(first.created).toBe(true)
    expect(again).toEqual({ notice: first.notice, created: false })
    expect(rows).toHaveLength(1)
    expect(calls).toEqual(["findNotice -", "storeNotice -", "findNotice -", `noteNoticeReceived ${first.notice.id}`])
  })
})

describe("PaygentRecords.storeNotice (the module's one statement)", () => {
  const row: NewNotice = {
    payment_notice_id: "000000000000000042",
    paygent_payment_id: "P100",
    trading_id: TRADING,
    payment_type: "03",
    payment_status: "40",
    payment_amount: "1200",
    change_date: "20261206120000",
    fields: { payment_status: "40" },
    received_via: "pull",
    received_at: new Date("2026-12-06T12:00:00Z"),
    payment_session_id: SESSION,
  }

  function records(answer: unknown[]) {
    const statements: Array<{ sql: string; params: unknown[] }> = []
    const manager = {
      async execute(sql: string, params: unknown[] = []) {
        statements.push({ sql, params })
        return answer
      },
    }
    const service = new PaygentRecords({ manager, baseRepository: {} }) as PaygentRecords & {
      findNotice: jest.Mock
      createPaygentNotices: jest.Mock
    }
    service.findNotice = jest.fn()
    service.createPaygentNotices = jest.fn()
    return { service, statements }
  }

  it("inserts with `on conflict (payment_notice_id) where deleted_at is null do nothing returning *`", async () => {
    const inserted = { ...row, id: "pgnt_x", received_count: 1 }
    const { service, statements } = records([inserted])
    const stored = await service.storeNotice(row)
    expect(stored).toEqual({ notice: inserted, created: true })
    expect(statements).toHaveLength(1)
    const sql = statements[0].sql.replace(/\s+/g, " ")
    expect(sql).toContain('on conflict ("payment_notice_id") where "deleted_at" is null do nothing returning *')
    const [id, noticeId, , , , , , , fields] = statements[0].params as string[]
    expect(id).toMatch(/^pgnt_/)
    expect(noticeId).toBe("000000000000000042")
    expect(JSON.parse(fields)).toEqual({ payment_status: "40" })
    expect(service.findNotice).not.toHaveBeenCalled()
  })

  it("reads the stored row when the insert did nothing (the id is stored already)", async () => {
    const existing = { ...row, id: "pgnt_old", received_count: 3 }
    const { service } = records([])
    service.findNotice.mockResolvedValue(existing)
    expect(await service.storeNotice(row)).toEqual({ notice: existing, created: false })
    expect(service.findNotice).toHaveBeenCalledWith({ payment_notice_id: "000000000000000042" })
  })

  it("creates a notice without payment_notice_id through the generated method (no unique index to lean on)", async () => {
    const { service, statements } = records([])
    const created = { ...row, payment_notice_id: null, id: "pgnt_y" }
    service.createPaygentNotices.mockResolvedValue([created])
    expect(await service.storeNotice({ ...row, payment_notice_id: null })).toEqual({ notice: created, created: true })
    expect(statements).toHaveLength(0)
  })
})
