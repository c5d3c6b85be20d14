/**
 * 3-D Secure without a browser, for tests and scripts: what the ACS pages (pages/acs.ts) do for a shopper — a
 * frictionless outcome, or a challenge answered with a password — done by one control call. The answer carries the
 * term_url with the result, as the browser would have been redirected to it; with `deliver` the simulator also
 * requests that URL itself (a GET, as the browser's redirect would), so the shop receives the result.
 */
import type { SimulatorCore } from "./core"
import { httpGet } from "./http-get"
import type { ThreeDsAuth } from "./model"
import { completeThreeDsAuth, termUrlWithResult } from "./telegrams/threeds"
import { challengeOutcome, challengePasswordsFor } from "./threeds-control"

export interface ThreeDsAnswerInput {
  /** The authentication to finish; or give trading_id (its newest unfinished authentication). */
  "3ds_auth_id"?: string
  trading_id?: string
  /** For a challenge: the password typed (default: the brand's success password, e.g. 14012 for VISA). */
  password?: string
  /** Also GET the term_url, as the shopper's browser would after the redirect. */
  deliver?: boolean
}

export interface ThreeDsAnswer {
  "3ds_auth_id": string
  /** frictionless or challenge: what the shopper would have met. */
  flow: "frictionless" | "challenge"
  result: string
  attempt_kbn: string | null
  response_code: string | null
  /** Where the browser is sent, with the result in the query (and its hc). */
  term_url: string
  /** With deliver: the shop's HTTP status for the term_url (2xx or 3xx = received), or why it could not be reached. */
  delivered?: { status: number } | { error: string }
}

/** Why an authentication cannot be answered: `status` is the HTTP status of the /_sim twin. */
export class ThreeDsAnswerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

function findAuth(core: SimulatorCore, input: ThreeDsAnswerInput): ThreeDsAuth {
  const id = input["3ds_auth_id"]
  if (id) {
    const auth = core.store.threeDsAuths.get(id)
    if (!auth) throw new ThreeDsAnswerError(404, `3ds_auth_id ${id} not found`)
    return auth
  }
  if (!input.trading_id) throw new ThreeDsAnswerError(400, "give 3ds_auth_id or trading_id")
  const open = [...core.store.threeDsAuths.values()].filter(
    (auth) => auth.tradingId === input.trading_id && (auth.state === "pending" || auth.state === "challenge"),
  )
  const newest = open.sort((a, b) => b.createdAt - a.createdAt)[0]
  if (!newest) throw new ThreeDsAnswerError(404, `no unfinished 3-D Secure authentication for trading_id ${input.trading_id}`)
  return newest
}

export async function answerThreeDs(core: SimulatorCore, input: ThreeDsAnswerInput): Promise<ThreeDsAnswer> {
  const auth = findAuth(core, input)
  if (auth.state === "completed") throw new ThreeDsAnswerError(409, `3ds_auth_id ${auth.authId} is already finished`)
  if (auth.state === "timed_out") throw new ThreeDsAnswerError(409, `3ds_auth_id ${auth.authId} timed out (31013)`)
  const flow = auth.planned.kind === "challenge" ? "challenge" : "frictionless"
  if (auth.planned.kind === "challenge") {
    const outcome = challengeOutcome(input.password ?? challengePasswordsFor(auth.brand).success)
    if (outcome.kind === "challenge") throw new ThreeDsAnswerError(400, "a challenge cannot be answered with another challenge")
    completeThreeDsAuth(auth, outcome)
  } else {
    completeThreeDsAuth(auth, auth.planned)
  }
  const termUrl = termUrlWithResult(core, auth)
  const answer: ThreeDsAnswer = {
    "3ds_auth_id": auth.authId,
    flow,
    result: auth.result ?? "",
    attempt_kbn: auth.attemptKbn ?? null,
    response_code: auth.responseCode ?? null,
    term_url: termUrl,
  }
  if (input.deliver) {
    try {
      answer.delivered = { status: await httpGet(termUrl, 10_000) }
    } catch (error) {
      answer.delivered = { error: error instanceof Error ? error.message : String(error) }
    }
  }
  return answer
}
