/**
 * The shopper mails' text: subject, plain text and HTML in Japanese or English, and the data handed to providers
 * that render their own templates. The payment numbers, deadline, links and steps are those of the storefront
 * helpers (src/storefront/instructions.ts), so the mail says what the confirmation page said. Pure.
 */
import type { NotificationContent } from "@medusajs/framework/types"
import { yenEn, yenJa } from "../reconciliation/explain"
import { formatDeadline, formatInstructions, type FormattedInstructions } from "../storefront/instructions"
import { PAYMENT_METHOD_NAMES } from "../storefront/labels"
import type { ResolvedShopperMailOptions } from "../options/shopper-mails"
import type { CancelReason, MailKind, MailPayment } from "./types"

export type Locale = "ja" | "en"

export interface MailInput {
  kind: MailKind
  /** canceled: expired or canceled; instructions: "resend" for the admin's resend. */
  reason?: string | null
  payment: MailPayment
  locale: Locale
  shopName: string
  options: Pick<ResolvedShopperMailOptions, "notes" | "steps">
}

export interface RenderedMail {
  content: Required<Pick<NotificationContent, "subject" | "text" | "html">>
  /** For providers with their own templates: everything the built-in text shows, as fields. */
  data: Record<string, unknown>
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** A JST date-time for the mail (Paygent's times are JST): 2026年12月05日 14:30 / 5 Dec 2026, 14:30 JST. */
function jstTime(iso: string | undefined, locale: Locale): string | undefined {
  const text = iso ? formatDeadline(iso, locale) : undefined
  return text?.replace(/まで$/, "").replace(/^by /, "")
}

function orderNo(payment: MailPayment): string {
  return payment.order.display_id !== null ? `#${payment.order.display_id}` : payment.order.id
}

function yen(amount: number, locale: Locale): string {
  return locale === "ja" ? yenJa(amount) : yenEn(amount)
}

function subjectOf(input: MailInput, instructions: FormattedInstructions | undefined): string {
  const { kind, locale, shopName } = input
  const no = orderNo(input.payment)
  const ja = (text: string) => (shopName ? `【${shopName}】${text}` : text)
  const en = (text: string) => (shopName ? `[${shopName}] ${text}` : text)
  switch (kind) {
    case "instructions":
      return locale === "ja"
        ? ja(`お支払い方法のご案内（ご注文番号 ${no}）${instructions ? `：${instructions.title}` : ""}`)
        : en(`How to pay for order ${no}${instructions ? `: ${instructions.title}` : ""}`)
    case "reminder":
      return locale === "ja" ? ja(`お支払い期限が近づいています（ご注文番号 ${no}）`) : en(`Payment due soon for order ${no}`)
    case "paid":
      return locale === "ja" ? ja(`ご入金を確認しました（ご注文番号 ${no}）`) : en(`Payment received for order ${no}`)
    case "canceled":
      return (input.reason as CancelReason) === "expired"
        ? locale === "ja"
          ? ja(`お支払い期限を過ぎたため、ご注文を取り消しました（ご注文番号 ${no}）`)
          : en(`Order ${no} cancelled: the payment deadline has passed`)
        : locale === "ja"
          ? ja(`ご注文を取り消しました（ご注文番号 ${no}）`)
          : en(`Order ${no} has been cancelled`)
  }
}

/** The opening lines after the greeting. */
function introOf(input: MailInput): string[] {
  const { kind, locale, payment } = input
  const no = orderNo(payment)
  const method = PAYMENT_METHOD_NAMES[payment.method][locale]
  const total = yen(payment.order.total, locale)
  const shop = input.shopName
  switch (kind) {
    case "instructions":
      return locale === "ja"
        ? [
            `${shop ? `${shop}をご利用いただき` : "ご注文いただき"}、ありがとうございます。`,
            `ご注文番号 ${no} のお支払い方法をご案内します。お支払い期限までに、以下の内容でお支払いください。`,
            `お支払い方法：${method}`,
            `ご請求金額：${total}`,
          ]
        : [
            `Thank you for your order${shop ? ` at ${shop}` : ""}.`,
            `Here is how to pay for order ${no}. Please pay by the deadline below.`,
            `Payment method: ${method}`,
            `Amount: ${total}`,
          ]
    case "reminder":
      return locale === "ja"
        ? [
            `ご注文番号 ${no} のお支払い期限が近づいています。`,
            "まだお支払いがお済みでない場合は、期限までに以下の内容でお支払いください。行き違いでお支払い済みの場合は、ご容赦ください。",
            `ご請求金額：${total}`,
          ]
        : [
            `The payment deadline of order ${no} is near.`,
            "If you have not paid yet, please pay by the deadline as shown below. If you have just paid, please disregard this mail.",
            `Amount: ${total}`,
          ]
    case "paid": {
      const paidAt = jstTime(payment.state.paid_at, locale)
      return locale === "ja"
        ? [
            `ご注文番号 ${no} のご入金を確認しました。ありがとうございます。`,
            `お支払い方法：${method}`,
            `ご入金額：${total}`,
            ...(paidAt ? [`お支払い日時：${paidAt}`] : []),
          ]
        : [
            `We have received your payment for order ${no}. Thank you.`,
            `Payment method: ${method}`,
            `Amount paid: ${total}`,
            ...(paidAt ? [`Paid at: ${paidAt}`] : []),
          ]
    }
    case "canceled":
      return (input.reason as CancelReason) === "expired"
        ? locale === "ja"
          ? [`お支払い期限までにご入金を確認できなかったため、ご注文番号 ${no} を取り消しました。`, `お支払い方法：${method}`]
          : [`We did not receive the payment for order ${no} by its deadline, so the order has been cancelled.`, `Payment method: ${method}`]
        : locale === "ja"
          ? [`ご注文番号 ${no} を取り消しました。`, `お支払い方法：${method}`]
          : [`Order ${no} has been cancelled.`, `Payment method: ${method}`]
  }
}

function greetingOf(input: MailInput): string {
  const name = input.payment.order.customer_name
  if (input.locale === "ja") {
    return name ? `${name} 様` : "お客様"
  }
  return name ? `Dear ${name.split(/\s+/).reverse().join(" ")},` : "Dear customer,"
}

function instructionsText(f: FormattedInstructions, locale: Locale): string[] {
  const lines = [`■ ${f.title}`]
  for (const number of f.numbers) {
    lines.push(`${number.label}${locale === "ja" ? "：" : ": "}${number.value}`)
  }
  if (f.deadline) {
    lines.push(`${f.deadline.label}${locale === "ja" ? "：" : ": "}${f.deadline.text}`)
  }
  for (const link of f.links) {
    lines.push(`${link.label}${locale === "ja" ? "：" : ": "}${link.url}`)
  }
  if (f.steps.length) {
    lines.push("", locale === "ja" ? "■ お支払い手順" : "■ How to pay", ...f.steps.map((step, i) => `${i + 1}. ${step}`))
  }
  if (f.notes.length) {
    lines.push("", ...f.notes.map((note) => (locale === "ja" ? `※${note}` : `* ${note}`)))
  }
  return lines
}

function instructionsHtml(f: FormattedInstructions): string {
  const rows = f.numbers
    .map(
      (n) =>
        `<tr><th style="text-align:left;padding:4px 12px 4px 0;font-weight:normal;color:#555">${escapeHtml(n.label)}</th>` +
        `<td class="number" data-key="${escapeHtml(n.key)}" style="padding:4px 0;font-size:18px;font-weight:bold;letter-spacing:1px">${escapeHtml(n.value)}</td></tr>`
    )
    .join("")
  const deadline = f.deadline
    ? `<tr><th style="text-align:left;padding:4px 12px 4px 0;font-weight:normal;color:#555">${escapeHtml(f.deadline.label)}</th>` +
      `<td class="deadline" data-iso="${escapeHtml(f.deadline.iso)}" style="padding:4px 0;font-weight:bold">${escapeHtml(f.deadline.text)}</td></tr>`
    : ""
  const links = f.links
    .map((l) => `<p><a class="link" data-key="${escapeHtml(l.key)}" href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a></p>`)
    .join("")
  const steps = f.steps.length ? `<ol class="steps">${f.steps.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ol>` : ""
  const notes = f.notes.map((n) => `<p class="note" style="color:#555;font-size:13px">${escapeHtml(n)}</p>`).join("")
  return (
    `<div class="instructions" data-kind="${escapeHtml(f.kind)}"${f.chain ? ` data-chain="${escapeHtml(f.chain.id)}"` : ""}>` +
    `<h2 style="font-size:16px">${escapeHtml(f.title)}</h2>` +
    `<table role="presentation" style="border-collapse:collapse">${rows}${deadline}</table>${links}${steps}${notes}</div>`
  )
}

function noteOf(input: MailInput): string | undefined {
  const note = input.options.notes[input.kind]?.[input.locale]
  return note?.trim() ? note.trim() : undefined
}

/** Subject, text and HTML of one mail, and the template data. */
export function renderMail(input: MailInput): RenderedMail {
  const { kind, locale, payment } = input
  const showInstructions = (kind === "instructions" || kind === "reminder") && payment.state.instructions
  const instructions = showInstructions ? formatInstructions(payment.state.instructions!, locale, { steps: input.options.steps }) : undefined
  const subject = subjectOf(input, instructions)
  const greeting = greetingOf(input)
  const intro = introOf(input)
  const note = noteOf(input)
  const signature = input.shopName ? [input.shopName] : []

  const text = [
    greeting,
    "",
    ...intro,
    ...(instructions ? ["", ...instructionsText(instructions, locale)] : []),
    ...(note ? ["", note] : []),
    ...(signature.length ? ["", "--", ...signature] : []),
  ].join("\n")

  const paragraphs = (lines: string[]) => lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("")
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:sans-serif;line-height:1.6;color:#222">` +
    `<div class="mail" data-mail-kind="${kind}">` +
    paragraphs([greeting]) +
    paragraphs(intro) +
    (instructions ? instructionsHtml(instructions) : "") +
    (note ? `<div class="merchant-note">${paragraphs(note.split(/\n+/))}</div>` : "") +
    (signature.length ? `<p style="color:#555">${escapeHtml(signature.join(" "))}</p>` : "") +
    `</div></body></html>`

  return {
    content: { subject, text, html },
    data: {
      kind,
      reason: input.reason ?? null,
      locale,
      subject,
      shop_name: input.shopName || null,
      order: {
        id: payment.order.id,
        display_id: payment.order.display_id,
        total: payment.order.total,
        currency_code: payment.order.currency_code,
        email: payment.order.email,
        customer_name: payment.order.customer_name,
      },
      method: payment.method,
      method_name: PAYMENT_METHOD_NAMES[payment.method][locale],
      instructions: instructions ?? null,
      paid_at: payment.state.paid_at ?? null,
      note: note ?? null,
    },
  }
}
