/**
 * The writes of paygent_shopper_mail, in SQL so that each is one atomic statement: a mail is queued once per
 * dedupe_key (INSERT … ON CONFLICT DO NOTHING), and claimed for sending by a conditional UPDATE that only one
 * caller can win, whichever instance or job run it is. Only the claimer writes the outcome. The admin's lists read
 * through the paygent module's service.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import type { MailKind, ShopperMailRow } from "./types"

const TABLE = "paygent_shopper_mail"

export interface NewMail {
  dedupe_key: string
  kind: MailKind
  reason?: string | null
  method: string
  payment_session_id: string
  order_id: string | null
  due_at: Date
  created_by?: string | null
}

/** Queues a mail unless one with the same dedupe_key exists; the new row, or undefined when it existed. */
export async function insertMail(knex: Knex, mail: NewMail): Promise<ShopperMailRow | undefined> {
  const { rows } = await knex.raw(
    `INSERT INTO ${TABLE} (id, dedupe_key, kind, reason, method, payment_session_id, order_id, status, due_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
     ON CONFLICT (dedupe_key) WHERE deleted_at IS NULL DO NOTHING
     RETURNING *`,
    [
      generateEntityId(undefined, "pgml"),
      mail.dedupe_key,
      mail.kind,
      mail.reason ?? null,
      mail.method,
      mail.payment_session_id,
      mail.order_id,
      mail.due_at,
      mail.created_by ?? null,
    ]
  )
  return rows[0]
}

/** Pending mails of a payment that are no longer wanted (paid, cancelled) are skipped, with the reason. */
export async function skipPending(knex: Knex, paymentSessionId: string, kinds: MailKind[], reason: string): Promise<number> {
  if (!kinds.length) {
    return 0
  }
  const { rowCount } = await knex.raw(
    `UPDATE ${TABLE} SET status = 'skipped', skip_reason = ?, updated_at = now()
     WHERE payment_session_id = ? AND kind IN (${kinds.map(() => "?").join(", ")}) AND status = 'pending' AND deleted_at IS NULL`,
    [reason, paymentSessionId, ...kinds]
  )
  return rowCount ?? 0
}

/**
 * Claims a due mail for sending: pending → sending, attempts + 1. Returns the claimed row, or undefined when another
 * caller claimed it first, it was sent or skipped meanwhile, or it is not due at `now`.
 */
export async function claimMail(knex: Knex, id: string, owner: string, now: Date): Promise<ShopperMailRow | undefined> {
  const { rows } = await knex.raw(
    `UPDATE ${TABLE} SET status = 'sending', attempts = attempts + 1, claimed_at = now(), claimed_by = ?, updated_at = now()
     WHERE id = ? AND status = 'pending' AND due_at <= ? AND deleted_at IS NULL
     RETURNING *`,
    [owner, id, now]
  )
  return rows[0]
}

/**
 * Takes over a mail whose sender stopped while sending (claimed longer ago than `leaseMs`): the new owner then
 * finds out from Medusa's notification whether that attempt went out.
 */
export async function reclaimStale(knex: Knex, id: string, owner: string, leaseMs: number): Promise<ShopperMailRow | undefined> {
  const { rows } = await knex.raw(
    `UPDATE ${TABLE} SET claimed_at = now(), claimed_by = ?, updated_at = now()
     WHERE id = ? AND status = 'sending' AND claimed_at < now() - (? * interval '1 millisecond') AND deleted_at IS NULL
     RETURNING *`,
    [owner, id, leaseMs]
  )
  return rows[0]
}

export interface MailOutcome {
  status: "pending" | "sent" | "failed" | "skipped" | "unknown"
  due_at?: Date
  reason?: string | null
  recipient?: string | null
  locale?: string | null
  template?: string | null
  subject?: string | null
  sent_at?: Date | null
  notification_id?: string | null
  last_error?: string | null
  skip_reason?: string | null
  /** A skip decided before any attempt gives its attempt back. */
  uncount?: boolean
}

/** Writes what happened to a claimed mail; only its claimer can. False when the claim was lost meanwhile. */
export async function finishMail(knex: Knex, id: string, owner: string, outcome: MailOutcome): Promise<boolean> {
  const sets: string[] = ["status = ?", "claimed_by = NULL", "claimed_at = NULL", "updated_at = now()"]
  const values: Knex.Value[] = [outcome.status]
  const fields = ["due_at", "reason", "recipient", "locale", "template", "subject", "sent_at", "notification_id", "last_error", "skip_reason"] as const
  for (const field of fields) {
    if (outcome[field] !== undefined) {
      sets.push(`${field} = ?`)
      values.push(outcome[field] as Knex.Value)
    }
  }
  if (outcome.uncount) {
    sets.push("attempts = attempts - 1")
  }
  const { rowCount } = await knex.raw(
    `UPDATE ${TABLE} SET ${sets.join(", ")} WHERE id = ? AND status = 'sending' AND claimed_by = ? AND deleted_at IS NULL`,
    [...values, id, owner]
  )
  return (rowCount ?? 0) > 0
}

/** Ids of mails due at `now`, earliest first. */
export async function dueMailIds(knex: Knex, now: Date, limit: number): Promise<string[]> {
  const { rows } = await knex.raw(
    `SELECT id FROM ${TABLE} WHERE status = 'pending' AND due_at <= ? AND deleted_at IS NULL ORDER BY due_at, id LIMIT ?`,
    [now, limit]
  )
  return rows.map((row: { id: string }) => row.id)
}

/** Ids of mails stuck in sending for longer than `leaseMs`. */
export async function staleMailIds(knex: Knex, leaseMs: number, limit: number): Promise<string[]> {
  const { rows } = await knex.raw(
    `SELECT id FROM ${TABLE} WHERE status = 'sending' AND claimed_at < now() - (? * interval '1 millisecond') AND deleted_at IS NULL
     ORDER BY claimed_at LIMIT ?`,
    [leaseMs, limit]
  )
  return rows.map((row: { id: string }) => row.id)
}

/** How many resends of a payment's instructions exist (the next one is numbered after them). */
export async function countResends(knex: Knex, paymentSessionId: string): Promise<number> {
  const { rows } = await knex.raw(
    `SELECT count(*)::int AS n FROM ${TABLE} WHERE payment_session_id = ? AND reason = 'resend' AND deleted_at IS NULL`,
    [paymentSessionId]
  )
  return rows[0]?.n ?? 0
}

/**
 * The payment's latest resend when it is still waiting, being sent, or younger than `withinMs`: a second click
 * (or the same request twice) gets that one instead of a new mail.
 */
export async function recentResend(knex: Knex, paymentSessionId: string, withinMs: number): Promise<ShopperMailRow | undefined> {
  const { rows } = await knex.raw(
    `SELECT * FROM ${TABLE} WHERE payment_session_id = ? AND reason = 'resend' AND deleted_at IS NULL
       AND (status IN ('pending', 'sending') OR created_at > now() - (? * interval '1 millisecond'))
     ORDER BY created_at DESC LIMIT 1`,
    [paymentSessionId, withinMs]
  )
  return rows[0]
}

export async function mailById(knex: Knex, id: string): Promise<ShopperMailRow | undefined> {
  const { rows } = await knex.raw(`SELECT * FROM ${TABLE} WHERE id = ? AND deleted_at IS NULL`, [id])
  return rows[0]
}

