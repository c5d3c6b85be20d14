/**
 * The 3DS2 browser step (stand-in for the CAFIS 3DS connector and the issuer's ACS, docs/protocol.md §11.3).
 * 450's out_acs_html posts 3ds_auth_id to /3ds/acs. Frictionless outcomes redirect (302) straight to term_url;
 * challenges show a password page (#password, #submit) whose answer redirects the same way.
 */
import type { ServerResponse } from "http"
import type { SimulatorCore } from "../core"
import { redirect, sendHtml } from "../http-util"
import type { ThreeDsAuth } from "../model"
import { completeThreeDsAuth, termUrlWithResult } from "../telegrams/threeds"
import { challengeOutcome, challengePasswordsFor } from "../threeds-control"
import { escapeHtml, hiddenInputs, page } from "./html"

function errorPage(res: ServerResponse, status: number, message: string): void {
  sendHtml(res, status, page("3-D Secure", `<p class="error" id="error">${escapeHtml(message)}</p>`))
}

function findOpenAuth(core: SimulatorCore, res: ServerResponse, authId: string): ThreeDsAuth | undefined {
  const auth = core.store.threeDsAuths.get(authId)
  if (!auth) {
    errorPage(res, 404, `Unknown 3ds_auth_id ${authId}.`)
    return undefined
  }
  if (auth.state === "timed_out") {
    errorPage(res, 410, "This authentication timed out (31013); the shop was notified.")
    return undefined
  }
  if (auth.state === "completed") {
    errorPage(res, 409, "This authentication is already finished.")
    return undefined
  }
  return auth
}

function challengePage(auth: ThreeDsAuth): string {
  const passwords = challengePasswordsFor(auth.brand)
  return page(
    "3-D Secure — 本人認証",
    `<h1>本人認証 (3-D Secure)</h1>
<p>カード: ${escapeHtml(auth.brand)} ${escapeHtml(auth.maskedNumber)} / 金額: ${escapeHtml(auth.amount)}</p>
<form method="POST" action="/3ds/challenge" id="challenge-form">
${hiddenInputs({ "3ds_auth_id": auth.authId })}
<label for="password">パスワード</label>
<input type="password" id="password" name="password" autocomplete="off">
<button type="submit" id="submit">認証する</button>
</form>
<div class="hint" id="test-passwords">
<strong>Test passwords (simulator):</strong>
<code id="password-success">${passwords.success}</code> authenticated,
<code id="password-attempt">${passwords.attempt}</code> attempt (attempt_kbn 1),
<code id="password-failure">${passwords.failure}</code> failure (31007); any other password fails.
</div>`,
  )
}

/** POST/GET /3ds/acs with 3ds_auth_id. */
export function handleAcs(core: SimulatorCore, res: ServerResponse, authId: string): void {
  const auth = findOpenAuth(core, res, authId)
  if (!auth) return
  if (auth.planned.kind === "challenge") {
    auth.state = "challenge"
    sendHtml(res, 200, challengePage(auth))
    return
  }
  completeThreeDsAuth(auth, auth.planned)
  redirect(res, termUrlWithResult(core, auth))
}

/** POST /3ds/challenge with 3ds_auth_id and password. */
export function handleChallenge(core: SimulatorCore, res: ServerResponse, authId: string, password: string): void {
  const auth = findOpenAuth(core, res, authId)
  if (!auth) return
  if (auth.state !== "challenge") {
    errorPage(res, 409, "No challenge is open for this authentication.")
    return
  }
  const outcome = challengeOutcome(password)
  if (outcome.kind === "challenge") return
  completeThreeDsAuth(auth, outcome)
  redirect(res, termUrlWithResult(core, auth))
}
