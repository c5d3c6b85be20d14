import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { collectInbox } from "./collect"
import { buildInbox, INBOX_REASONS, pageInbox } from "./items"

const METHODS = ["card", "konbini", "payeasy", "banknet"] as const

/** `reason` and `method` take one value or a comma-separated list. */
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((raw) => (raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(",")).filter(Boolean)))
    .pipe(z.array(z.enum(values)))

const InboxQuery = z.object({
  reason: list(INBOX_REASONS),
  method: list(METHODS),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})

/**
 * GET /admin/paygent/inbox?reason=&method=&limit=&offset= — 決済処理中 inbox: Paygent payments that need a person,
 * each with its reason (checkout_abandoned, awaiting_payment, capture_deadline, amount_mismatch, manual_refund,
 * notice_overdue, alert), most urgent first; `counts` per reason (within the method filter) for the filter chips.
 * Read-only; built from stale sessions, unpaid sessions, payments, manual refunds owed, open alerts and notices not
 * applied (items.ts), the large lists a page at a time (collect.ts).
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const parsed = InboxQuery.safeParse(req.query ?? {})
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `検索条件が正しくありません / Invalid query: ${detail}`)
  }
  res.json(await inboxPage(req.scope, parsed.data))
}

async function inboxPage(scope: MedusaContainer, { reason, method, limit, offset }: z.infer<typeof InboxQuery>) {
  const now = new Date()
  const { sources, paged, truncated } = await collectInbox(scope, { now, offset, limit, methods: method })
  const page = pageInbox(buildInbox(sources), { reasons: reason, methods: method, limit, offset }, paged)
  return { ...page, truncated, generated_at: now.toISOString(), options: sources.options }
}

/** What GET /admin/paygent/inbox answers. */
export type InboxPage = Awaited<ReturnType<typeof inboxPage>>
