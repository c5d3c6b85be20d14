import { threeDsResultHash } from "../../../paygent"
import { expectedThreeDsText, judgeThreeDsReturn } from "../core/three-ds-return"
import type { PaygentState } from "../core/session-data"

const KEY = "test_3ds_hash_key"
const SESSION = "payses_01JSESSIONAAAAAAAAAAAAAAAA"
const TRADING = "0abcDEF0abcDEF0abcDEF0_1"
const AUTH = "11111111-1111-1111-1111-111111111111"

const waiting: PaygentState = {
  method: "card",
  amount: 3000,
  attempt: 1,
  trading_id: TRADING,
  threeds: { state: "challenge", acs_html: "<form>" },
}

function signed(result: string, authId: string, attemptKbn = "", extra: Record<string, string> = {}) {
  const hc = threeDsResultHash({ result, "3ds_auth_id": authId, attempt_kbn: attemptKbn }, KEY)
  return { result, "3ds_auth_id": authId, ...(result === "0" ? { attempt_kbn: attemptKbn } : {}), ...extra, hc }
}

function judge(result: Record<string, string>, overrides: { state?: PaygentState; expected?: string; sessionId?: string } = {}) {
  return judgeThreeDsReturn({
    sessionId: overrides.sessionId ?? SESSION,
    state: "state" in overrides ? overrides.state : waiting,
    expected: "expected" in overrides ? overrides.expected : expectedThreeDsText(SESSION, TRADING, AUTH),
    result,
    hashKey: KEY,
  })
}

describe("a 3-D Secure result is applied only to the session that waits for it", () => {
  it("applies Paygent's signed result of the awaited authentication (success or failure)", () => {
    expect(judge(signed("0", AUTH))).toEqual({ apply: true })
    expect(judge(signed("0", AUTH, "1"))).toEqual({ apply: true })
    expect(judge(signed("1", AUTH, "", { response_code: "31007" }))).toEqual({ apply: true })
  })

  it("refuses a correctly signed result of another authentication (another session's return)", () => {
    const other = "22222222-2222-2222-2222-222222222222"
    expect(judge(signed("0", other))).toEqual({ apply: false, reason: "other_authentication" })
  })

  it("refuses the awaited id when the sealed expectation is for another session or attempt, or missing", () => {
    expect(judge(signed("0", AUTH), { expected: expectedThreeDsText("payses_other", TRADING, AUTH) }).apply).toBe(false)
    expect(judge(signed("0", AUTH), { expected: expectedThreeDsText(SESSION, "0abcDEF0abcDEF0abcDEF0_2", AUTH) }).apply).toBe(false)
    expect(judge(signed("0", AUTH), { expected: undefined })).toEqual({ apply: false, reason: "other_authentication" })
    expect(judge(signed("0", AUTH), { sessionId: "" }).apply).toBe(false)
  })

  it("changes nothing once the session has its result or moved on (replays, late calls)", () => {
    for (const state of ["authenticated", "failed", "fallback"] as const) {
      expect(judge(signed("0", AUTH), { state: { ...waiting, threeds: { state } } })).toEqual({ apply: false, reason: "not_waiting" })
    }
    expect(judge(signed("0", AUTH), { state: { ...waiting, threeds: null } }).apply).toBe(false)
    expect(judge(signed("0", AUTH), { state: undefined }).apply).toBe(false)
  })

  it("refuses a wrong hash and an unsigned success", () => {
    expect(judge({ ...signed("0", AUTH), hc: "0".repeat(64) })).toEqual({ apply: false, reason: "bad_hash" })
    // The hash covers attempt_kbn: turning an attempt 1 (merchant bears the risk) into a clean success fails.
    expect(judge({ ...signed("0", AUTH, "1"), attempt_kbn: "" })).toEqual({ apply: false, reason: "bad_hash" })
    expect(judge({ result: "0", "3ds_auth_id": AUTH, attempt_kbn: "" })).toEqual({ apply: false, reason: "unsigned_success" })
  })

  it("takes an unsigned failure only with the awaited 3ds_auth_id (so nobody else can fail the shopper's attempt)", () => {
    expect(judge({ result: "1", "3ds_auth_id": AUTH, response_code: "31013" })).toEqual({ apply: true })
    expect(judge({ result: "1", "3ds_auth_id": "x", response_code: "31013" })).toEqual({ apply: false, reason: "other_authentication" })
    expect(judge({ result: "1", response_code: "31007" })).toEqual({ apply: false, reason: "other_authentication" })
  })
})
