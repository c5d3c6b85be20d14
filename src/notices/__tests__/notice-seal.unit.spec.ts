import { noticeMismatch, openNotice, sealNotice, withNotice } from "../../providers/paygent/core/notice-state"
import type { PaygentState } from "../../providers/paygent/core/session-data"

const SECRET = "Tq3v9uXw1LrZ8yHn5bKc2mJd7pFs4gEa0oWi6tYe"

const PAID = {
  payment_notice_id: "12",
  payment_id: "210000102",
  trading_id: "0abcDEF0abcDEF0abcDEF0_1",
  payment_type: "03",
  payment_status: "40",
  payment_amount: "3000",
  user_payment_date: "20250610123456",
}

const WAITING: PaygentState = {
  method: "konbini",
  amount: 3000,
  attempt: 1,
  trading_id: PAID.trading_id,
  payment_id: PAID.payment_id,
  payment_status: "10",
}

describe("notices handed to the provider (sealed)", () => {
  it("opens what it sealed, and nothing altered or sealed with another secret", () => {
    const sealed = sealNotice(PAID, SECRET)
    expect(openNotice(sealed, SECRET)).toEqual(PAID)
    expect(openNotice({ ...sealed, payment_status: "43" }, SECRET)).toBeUndefined()
    expect(openNotice(sealed, "another secret")).toBeUndefined()
    expect(openNotice({ ...PAID, mac: "x" }, SECRET)).toBeUndefined()
    expect(openNotice("40", SECRET)).toBeUndefined()
    expect(openNotice({ ...sealed, payment_amount: 3000 }, SECRET)).toBeUndefined()
  })

  it("applies a paid notice: status, paid_at from the store's payment time, the notice it came from", () => {
    const now = new Date("2025-06-10T04:00:00Z")
    const state = withNotice(WAITING, PAID, now)
    expect(state).toMatchObject({
      payment_status: "40",
      paid_at: "2025-06-10T12:34:56+09:00",
      last_notice: { payment_notice_id: "12", payment_status: "40", applied_at: now.toISOString() },
    })
    // A net-bank payment learns its payment_id from the notice (there is none before the bank is chosen).
    expect(withNotice({ ...WAITING, payment_id: undefined }, PAID).payment_id).toBe(PAID.payment_id)
  })

  it("refuses a superseded attempt, another payment_id and a step backwards", () => {
    expect(noticeMismatch(WAITING, PAID)).toBeUndefined()
    expect(noticeMismatch({ ...WAITING, trading_id: "0abcDEF0abcDEF0abcDEF0_2" }, PAID)).toBe("superseded_attempt")
    expect(noticeMismatch({ ...WAITING, payment_id: "999" }, PAID)).toBe("other_payment")
    expect(noticeMismatch({ ...WAITING, payment_status: "40" }, { ...PAID, payment_status: "43" })).toBe("backwards")
  })
})
