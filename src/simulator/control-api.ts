/**
 * The HTTP face of SimulatorControl under /_sim/ (JSON in, JSON out). Errors answer {"error": "...", "result"?: code}
 * with 400 (bad input), 404 (unknown record or route) or 409 (wrong status).
 */
import type { IncomingMessage, ServerResponse } from "http"
import { SimControlError, type SimulatorControl } from "./control"
import type { FaultInput } from "./faults"
import { parseJson, sendJson } from "./http-util"
import { TokenError } from "./tokens"

type Route = {
  method: string
  pattern: RegExp
  run: (control: SimulatorControl, match: RegExpExecArray, body: Record<string, unknown>, url: URL) => unknown
}

const str = (value: unknown) => (value === undefined || value === null ? undefined : String(value))
const num = (value: unknown) => (value === undefined || value === null || value === "" ? undefined : Number(value))

const ROUTES: Route[] = [
  { method: "POST", pattern: /^\/_sim\/tokens$/, run: (c, _m, body) => c.createToken(body) },
  { method: "POST", pattern: /^\/_sim\/tokens\/cvc$/, run: (c, _m, body) => c.createCvcToken(body) },
  {
    method: "GET",
    pattern: /^\/_sim\/payments$/,
    run: (c, _m, _b, url) => c.listPayments({ trading_id: url.searchParams.get("trading_id") ?? undefined }),
  },
  {
    method: "GET",
    pattern: /^\/_sim\/payments\/([^/]+)$/,
    run: (c, m) => {
      const payment = c.getPayment(decodeURIComponent(m[1]))
      if (!payment) throw new SimControlError(404, `payment ${m[1]} not found`)
      return payment
    },
  },
  {
    method: "POST",
    pattern: /^\/_sim\/payments\/([^/]+)\/pay$/,
    run: (c, m, body) =>
      c.pay(decodeURIComponent(m[1]), {
        preliminary: body.preliminary === true || body.preliminary === "true",
        cvs_company_id: str(body.cvs_company_id),
        bank_code: str(body.bank_code),
      }),
  },
  { method: "POST", pattern: /^\/_sim\/payments\/([^/]+)\/expire$/, run: (c, m) => c.expire(decodeURIComponent(m[1])) },
  {
    method: "POST",
    pattern: /^\/_sim\/payments\/([^/]+)\/cancel-preliminary$/,
    run: (c, m) => c.cancelPreliminary(decodeURIComponent(m[1])),
  },
  { method: "GET", pattern: /^\/_sim\/clock$/, run: (c) => c.getClock() },
  {
    method: "POST",
    pattern: /^\/_sim\/clock\/advance$/,
    run: (c, _m, body) =>
      c.advanceClock({ days: num(body.days), hours: num(body.hours), minutes: num(body.minutes), seconds: num(body.seconds) }),
  },
  { method: "GET", pattern: /^\/_sim\/faults$/, run: (c) => c.listFaults() },
  {
    method: "POST",
    pattern: /^\/_sim\/faults$/,
    run: (c, _m, body) =>
      c.addFault({
        telegram_kind: str(body.telegram_kind) ?? "",
        mode: str(body.mode) as FaultInput["mode"],
        count: num(body.count),
        delay_ms: num(body.delay_ms),
      }),
  },
  {
    method: "DELETE",
    pattern: /^\/_sim\/faults$/,
    run: (c) => {
      c.clearFaults()
      return { faults: [] }
    },
  },
  { method: "GET", pattern: /^\/_sim\/notices$/, run: (c) => c.listNotices() },
  {
    method: "POST",
    pattern: /^\/_sim\/notices\/purge$/,
    run: (c, _m, body) => c.purgeNotices({ older_than_days: num(body.older_than_days) }),
  },
  { method: "GET", pattern: /^\/_sim\/telegrams$/, run: (c) => c.listTelegrams() },
  { method: "GET", pattern: /^\/_sim\/pushes$/, run: (c) => ({ state: c.getPush(), attempts: c.listPushes() }) },
  { method: "GET", pattern: /^\/_sim\/push$/, run: (c) => c.getPush() },
  {
    method: "POST",
    pattern: /^\/_sim\/push$/,
    run: (c, _m, body) =>
      c.setPush({
        enabled: typeof body.enabled === "boolean" ? body.enabled : undefined,
        url: body.url === null ? null : str(body.url),
        paused: typeof body.paused === "boolean" ? body.paused : undefined,
      }),
  },
  { method: "POST", pattern: /^\/_sim\/latency$/, run: (c, _m, body) => c.setLatency(Number(body.ms)) },
  {
    method: "POST",
    pattern: /^\/_sim\/threeds\/answer$/,
    run: (c, _m, body) =>
      c.answerThreeDs({
        "3ds_auth_id": str(body["3ds_auth_id"]),
        trading_id: str(body.trading_id),
        password: str(body.password),
        deliver: body.deliver === true || body.deliver === "true",
      }),
  },
  {
    method: "GET",
    pattern: /^\/_sim\/threeds\/([^/]+)$/,
    run: (c, m) => {
      const auth = c.getThreeDsAuth(decodeURIComponent(m[1]))
      if (!auth) throw new SimControlError(404, `3ds_auth_id ${m[1]} not found`)
      return auth
    },
  },
  {
    method: "GET",
    pattern: /^\/_sim\/stored-cards$/,
    run: (c, _m, _b, url) =>
      c.listStoredCards({
        customer_id: url.searchParams.get("customer_id") ?? undefined,
        site_id: url.searchParams.get("site_id") ?? undefined,
      }),
  },
  {
    method: "POST",
    pattern: /^\/_sim\/reset$/,
    run: (c) => {
      c.reset()
      return { reset: true }
    },
  },
]

export async function handleControlRequest(
  control: SimulatorControl,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
): Promise<void> {
  const candidates = ROUTES.filter((r) => r.pattern.test(url.pathname))
  const route = candidates.find((r) => r.method === req.method)
  if (!route) {
    if (candidates.length > 0) sendJson(res, 405, { error: `use ${candidates.map((r) => r.method).join(" or ")}` })
    else sendJson(res, 404, { error: `no control endpoint ${req.method} ${url.pathname}` })
    return
  }
  try {
    const json = parseJson(body)
    const result = await route.run(control, route.pattern.exec(url.pathname)!, json, url)
    sendJson(res, req.method === "POST" && /\/tokens/.test(url.pathname) ? 201 : 200, result ?? {})
  } catch (error) {
    if (error instanceof TokenError) sendJson(res, 400, { error: error.message, result: error.result })
    else if (error instanceof SimControlError) sendJson(res, error.status, { error: error.message })
    else if (error instanceof SyntaxError) sendJson(res, 400, { error: `invalid JSON: ${error.message}` })
    else sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) })
  }
}
