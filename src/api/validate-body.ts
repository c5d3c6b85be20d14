import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"

/**
 * Medusa's `validateAndTransformBody` for the plugin's routes: validates the body with a schema of validators.ts
 * and hands the handler `req.validatedBody`. Written out rather than imported because Medusa's answers in English
 * only ("Invalid request: …"); the plugin's 400 names the offending field in both languages, as the admin shows it.
 */
export function validatePaygentBody(schema: z.ZodTypeAny) {
  return (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction): void => {
    const parsed = schema.safeParse(req.body ?? {})
    if (!parsed.success) {
      const detail = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ")
      return next(new MedusaError(MedusaError.Types.INVALID_DATA, `リクエストの内容が正しくありません / Invalid request body: ${detail}`))
    }
    req.validatedBody = parsed.data
    next()
  }
}
