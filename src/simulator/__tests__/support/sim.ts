/** Starts a simulator for a test file and offers short-hands for the common steps. */
import { startSimulator, type Simulator, type SimulatorOptions } from "../../index"
import { sendTelegram, type Answer, type Params, type SendOptions } from "./telegram-client"

/** A fixed start so that dates in assertions are predictable: Tuesday 2025-06-10 10:00 JST. */
export const START = "2025-06-10T01:00:00Z"

export const CARDS = {
  ok: "4111111111111111",
  okMaster: "5555555555554444",
  okJcb: "3530111333300000",
  declined1G12: "4111111111118212",
  inputError1G44: "4111111111118244",
  cancelFails: "4111111111112101",
  cancelTimesOut: "4111111111113000",
  authTimesOut: "4111111111119000",
}

export interface TestSim {
  sim: Simulator
  send(kind: string, params?: Params, options?: SendOptions): Promise<Answer>
  token(cardNumber?: string, extra?: Record<string, string>): string
  close(): Promise<void>
}

export async function startTestSim(options: SimulatorOptions = {}): Promise<TestSim> {
  const sim = await startSimulator({ now: START, ...options })
  return {
    sim,
    send: (kind, params = {}, sendOptions = {}) => sendTelegram(sim.url, kind, params, sendOptions),
    token: (cardNumber = CARDS.ok, extra = {}) =>
      sim.control.createToken({ card_number: cardNumber, expire_month: "12", expire_year: "29", cvc: "123", name: "TARO YAMADA", ...extra })
        .token,
    close: () => sim.close(),
  }
}

/** A plain 020 without 3-D Secure. */
export function authParams(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    trading_id: `T${Math.random().toString(36).slice(2, 12)}`,
    payment_id: "",
    payment_amount: "1000",
    payment_class: "10",
    "3dsecure_ryaku": "1",
    card_token: token,
    ...extra,
  }
}
