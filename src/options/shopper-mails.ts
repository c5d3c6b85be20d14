import { processRegistry } from "./process-registry"
import { MedusaError } from "@medusajs/framework/utils"
import type { StepOverrides } from "../storefront/instructions"
import type { PaygentMethod } from "../paygent/methods"
import { MAIL_KINDS, type MailKind } from "../shopper-mails/types"

/**
 * Plugin option `shopperMails`: e-mails to the shopper about konbini / Pay-easy / net-bank payments, sent through
 * Medusa's Notification Module on its `email` channel (docs/operations/shopper-mails.md).
 */
export interface PaygentShopperMailOptions {
  /** Send shopper e-mails at all (default true). */
  enabled?: boolean
  /** Turn single kinds off: `{ reminder: false }`. Every kind is on by default. */
  instructions?: boolean
  reminder?: boolean
  paid?: boolean
  canceled?: boolean
  /** Methods that get mails (default konbini, payeasy, net bank; card gets none: Medusa's own order mail covers it). */
  methods?: PaygentMethod[]
  /** The reminder goes out from the start (00:00 JST) of the day this many days before the last day to pay (default 1). */
  reminderDaysBefore?: number
  /** Template ids for providers with their own templates, per kind (default paygent-payment-instructions …). */
  templates?: Partial<Record<MailKind, string>>
  /**
   * Send the rendered subject, text and HTML as the notification's `content` (default true). False: only the template
   * id and its data, for providers that render their own templates and ignore a template when content is given
   * (SendGrid's dynamic templates).
   */
  sendContent?: boolean
  /** Sender address, when the provider does not set one. */
  from?: string
  /** Shop name in the subject and greeting (default: the provider's `storeName`, else Medusa's store name). */
  shopName?: string
  /** Language when neither the order nor the customer has one: "ja" (default) or "en". */
  defaultLocale?: "ja" | "en"
  /** A paragraph of the merchant's own per kind and language (e.g. what happens to the stock of a cancelled order). */
  notes?: Partial<Record<MailKind, { ja?: string; en?: string }>>
  /** Replace the built-in payment steps (per konbini chain id, "payeasy", "banknet"), as the storefront helpers do. */
  steps?: StepOverrides
  /** Attempts before a mail is given up and shown in the inbox (default 5). */
  maxAttempts?: number
  /** Run the scheduled job that sends reminders and retries (default true; the job also catches up missed mails). */
  jobEnabled?: boolean
  /** The job's cron expression (default every minute). */
  schedule?: string
}

export interface ResolvedShopperMailOptions {
  enabled: boolean
  kinds: Record<MailKind, boolean>
  methods: PaygentMethod[]
  reminderDaysBefore: number
  templates: Record<MailKind, string>
  sendContent: boolean
  from?: string
  shopName?: string
  defaultLocale: "ja" | "en"
  notes: Partial<Record<MailKind, { ja?: string; en?: string }>>
  steps?: StepOverrides
  maxAttempts: number
  jobEnabled: boolean
  schedule: string
}

export const DEFAULT_TEMPLATES: Record<MailKind, string> = {
  instructions: "paygent-payment-instructions",
  reminder: "paygent-payment-reminder",
  paid: "paygent-payment-received",
  canceled: "paygent-payment-canceled",
}

const METHODS: PaygentMethod[] = ["card", "konbini", "payeasy", "banknet"]

function invalid(option: string, why: string): never {
  throw new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `Paygent option "shopperMails.${option}" ${why} / Paygent の設定 "shopperMails.${option}" が正しくありません`
  )
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value)
}

/** Throws on a wrong `shopperMails` option, naming it (never its value). */
export function validateShopperMailOptions(options: unknown): void {
  if (options === undefined) {
    return
  }
  if (!isObject(options)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, 'Paygent option "shopperMails" must be an object / Paygent の設定 "shopperMails" が正しくありません')
  }
  for (const name of ["enabled", "jobEnabled", "sendContent", ...MAIL_KINDS] as const) {
    if (options[name] !== undefined && typeof options[name] !== "boolean") {
      invalid(name, "must be true or false")
    }
  }
  if (options.methods !== undefined && (!Array.isArray(options.methods) || options.methods.some((m) => !METHODS.includes(m)))) {
    invalid("methods", `must be a list of ${METHODS.join(", ")}`)
  }
  const days = options.reminderDaysBefore
  if (days !== undefined && !(typeof days === "number" && Number.isInteger(days) && days >= 1 && days <= 60)) {
    invalid("reminderDaysBefore", "must be a whole number of days from 1 to 60")
  }
  const attempts = options.maxAttempts
  if (attempts !== undefined && !(typeof attempts === "number" && Number.isInteger(attempts) && attempts >= 1 && attempts <= 20)) {
    invalid("maxAttempts", "must be a whole number from 1 to 20")
  }
  if (options.templates !== undefined) {
    if (!isObject(options.templates)) invalid("templates", "must be an object of template ids per kind")
    for (const [kind, id] of Object.entries(options.templates)) {
      if (!MAIL_KINDS.includes(kind as MailKind)) invalid(`templates.${kind}`, `is not a kind (${MAIL_KINDS.join(", ")})`)
      if (typeof id !== "string" || !id.trim()) invalid(`templates.${kind}`, "must be a template id")
    }
  }
  if (options.notes !== undefined) {
    if (!isObject(options.notes)) invalid("notes", "must be an object of { ja, en } per kind")
    for (const [kind, note] of Object.entries(options.notes)) {
      if (!MAIL_KINDS.includes(kind as MailKind)) invalid(`notes.${kind}`, `is not a kind (${MAIL_KINDS.join(", ")})`)
      if (!isObject(note) || Object.values(note).some((text) => typeof text !== "string")) invalid(`notes.${kind}`, "must be { ja?: string, en?: string }")
    }
  }
  for (const name of ["from", "shopName"] as const) {
    if (options[name] !== undefined && (typeof options[name] !== "string" || !(options[name] as string).trim())) {
      invalid(name, "must be a non-empty text")
    }
  }
  if (options.defaultLocale !== undefined && options.defaultLocale !== "ja" && options.defaultLocale !== "en") {
    invalid("defaultLocale", 'must be "ja" or "en"')
  }
  if (options.steps !== undefined && !isObject(options.steps)) {
    invalid("steps", "must be an object of { ja: [...], en: [...] } per chain id, payeasy or banknet")
  }
  if (options.schedule !== undefined && !/^\S+(\s+\S+){4,5}$/.test(String(options.schedule).trim())) {
    invalid("schedule", 'must be a cron expression such as "* * * * *"')
  }
}

export function resolveShopperMailOptions(options: PaygentShopperMailOptions | undefined): ResolvedShopperMailOptions {
  const o = options ?? {}
  return {
    enabled: o.enabled ?? true,
    kinds: {
      instructions: o.instructions ?? true,
      reminder: o.reminder ?? true,
      paid: o.paid ?? true,
      canceled: o.canceled ?? true,
    },
    methods: o.methods ?? ["konbini", "payeasy", "banknet"],
    reminderDaysBefore: o.reminderDaysBefore ?? 1,
    templates: { ...DEFAULT_TEMPLATES, ...(o.templates ?? {}) },
    sendContent: o.sendContent ?? true,
    ...(o.from ? { from: o.from } : {}),
    ...(o.shopName ? { shopName: o.shopName } : {}),
    defaultLocale: o.defaultLocale ?? "ja",
    notes: o.notes ?? {},
    ...(o.steps ? { steps: o.steps } : {}),
    maxAttempts: o.maxAttempts ?? 5,
    jobEnabled: o.jobEnabled ?? true,
    schedule: o.schedule?.trim() || "* * * * *",
  }
}

/** The job's schedule, left by the paygent module when it loads (process-registry.ts). */
const registry = processRegistry<PaygentShopperMailOptions, ResolvedShopperMailOptions>("shopper-mail-options", resolveShopperMailOptions)
export const registerShopperMailOptions = registry.register
export const registeredShopperMailOptions = registry.registered
