import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"

/** `?preview=true` (or 1): answer the pre-flight summary, send nothing. */
export function wantsPreview(req: MedusaRequest): boolean {
  const value = (req.query as Record<string, unknown> | undefined)?.preview
  return value === "true" || value === "1" || value === true
}

/** The logged-in admin user, recorded as who captured / cancelled. */
export function actorOf(req: MedusaRequest): string | undefined {
  return (req as MedusaRequest & { auth_context?: { actor_id?: string } }).auth_context?.actor_id || undefined
}

/**
 * Validates a request body inside the handler (this plugin's routes do not add entries to `src/api/middlewares.ts`):
 * a 400 naming the offending field, in both languages.
 */
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {})
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ")
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `リクエストの内容が正しくありません / Invalid request body: ${detail}`)
  }
  return parsed.data
}

export const CaptureBody = z
  .object({
    /** Yen to capture; less than the authorization = a partial capture (029). */
    amount: z.number().int().positive().optional(),
    /** Which payment (Medusa's or Paygent's id), when the order has several. */
    payment_id: z.string().min(1).optional(),
  })
  .strict()

export const EmptyBody = z.object({}).strict()

export const BulkBody = z
  .object({
    order_ids: z.array(z.string().min(1)).min(1).max(100),
  })
  .strict()
