import type { MedusaRequest } from "@medusajs/framework/http"

/** `?preview=true` (or 1): answer the pre-flight summary, send nothing. */
export function wantsPreview(req: MedusaRequest): boolean {
  const value = (req.query as Record<string, unknown> | undefined)?.preview
  return value === "true" || value === "1" || value === true
}

/** The logged-in admin user, recorded as who captured / cancelled. */
export function actorOf(req: MedusaRequest): string | undefined {
  return (req as MedusaRequest & { auth_context?: { actor_id?: string } }).auth_context?.actor_id || undefined
}
