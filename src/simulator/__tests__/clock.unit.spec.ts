/** The simulated clock: frozen by default, running on request (batches then fire by themselves). */
import { startSimulator } from "../index"
import { sendTelegram } from "./support/telegram-client"

const atm = { payment_amount: "1000", payment_detail: "ご注文", payment_detail_kana: "ｺﾞﾁﾕｳﾓﾝ", payment_limit_date: "0" }

it("a frozen clock does not move by itself; advancing runs the batches in time order", async () => {
  const sim = await startSimulator({ now: "2025-06-10T14:59:00Z" }) // 23:59 JST
  try {
    const paymentId = (await sendTelegram(sim.url, "010", atm)).get("payment_id")!
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(sim.control.getClock().now).toBe("2025-06-10T14:59:00.000Z")
    const after = await sim.control.advanceClock({ minutes: 5 })
    expect(after.now_jst).toBe("20250611000400")
    const payment = sim.control.getPayment(paymentId)!
    expect(payment.payment_status).toBe("12")
    // Applied at its due time (00:00 JST), not at the end of the advance.
    expect(payment.history[payment.history.length - 1].at_jst).toBe("20250611000000")
  } finally {
    await sim.close()
  }
})

it("a running clock ticks with real time and its batches fire without an advance", async () => {
  const sim = await startSimulator({ now: new Date(Date.parse("2025-06-10T14:59:59.300Z")), clock: "running" })
  try {
    const paymentId = (await sendTelegram(sim.url, "010", atm)).get("payment_id")!
    expect(sim.control.getPayment(paymentId)!.payment_status).toBe("10")
    await new Promise((resolve) => setTimeout(resolve, 2200))
    expect(sim.control.getPayment(paymentId)!.payment_status).toBe("12")
  } finally {
    await sim.close()
  }
}, 10_000)

it("without `now`, a reset takes the real time again", async () => {
  const sim = await startSimulator()
  try {
    await sim.control.advanceClock({ days: 3 })
    sim.control.reset()
    expect(Math.abs(Date.parse(sim.control.getClock().now) - Date.now())).toBeLessThan(5_000)
  } finally {
    await sim.close()
  }
})
