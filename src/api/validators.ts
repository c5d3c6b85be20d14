import { z } from "@medusajs/framework/zod"

/*
 * The bodies the plugin's routes accept, checked by `validatePaygentBody` in src/api/middlewares.ts before the
 * handler runs (the handler reads `req.validatedBody`). Unknown fields are refused.
 */

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

export const ChangeAmountBody = z
  .object({
    /** Yen Paygent should hold (default: the order's current total). Only lower than now: Paygent cannot raise. */
    amount: z.number().int().min(0).optional(),
    /** The new payment id of a change whose answer was lost, read from Paygent's console (confirms it, sends 094 only). */
    paygent_payment_id: z.string().regex(/^\d{1,18}$/).optional(),
  })
  .strict()

/** The admin's "dispatch shopper mails now". */
export const DispatchBody = z
  .object({
    /**
     * Send what is due at this time instead of now (ISO 8601): for trying reminders against the simulator's moved
     * clock (the demo's "+6 日"). Refused with Paygent's production environment.
     */
    now: z.string().datetime({ offset: true }).optional(),
  })
  .strict()

/** What PaygentToken.js `createToken` answers, as a card session takes it (docs/saved-cards.md). */
export const SaveCardBody = z
  .object({
    card_token: z.string().min(1),
    token_hc: z.string().optional(),
    masked_card_number: z.string().optional(),
    valid_until: z.string().optional(),
    fingerprint: z.string().optional(),
    cardholder_name: z.string().optional(),
  })
  .strict()

/** Paying what an exchange or order edit left owing (store route). */
export const AuthorizeDifferenceBody = z.object({ payment_session_id: z.string().min(1) }).strict()

export type CaptureBodyType = z.infer<typeof CaptureBody>
export type BulkBodyType = z.infer<typeof BulkBody>
export type ChangeAmountBodyType = z.infer<typeof ChangeAmountBody>
export type DispatchBodyType = z.infer<typeof DispatchBody>
export type SaveCardBodyType = z.infer<typeof SaveCardBody>
export type AuthorizeDifferenceBodyType = z.infer<typeof AuthorizeDifferenceBody>
