/**
 * How to pay a konbini, Pay-easy or net-bank order, ready to render: the numbers with their proper names per chain
 * (docs/protocol.md §8.2, §9, §10), the deadline and short steps, in Japanese or English.
 */
import type { PaymentInstructions } from "../providers/paygent/core/session-data"
import { konbiniChainName, type Bilingual, type Locale } from "./labels"

export interface InstructionNumber {
  /** Stable key for styling/tests: receipt_number, confirmation_number, phone, pay_center_number, customer_number, conf_number. */
  key: string
  label: string
  value: string
}

export interface InstructionLink {
  key: "payment_slip" | "barcode" | "bank_selection"
  label: string
  url: string
}

export interface FormattedInstructions {
  kind: PaymentInstructions["kind"]
  title: string
  /** Konbini: the chain the shopper chose. */
  chain?: { id: string; name: string }
  numbers: InstructionNumber[]
  links: InstructionLink[]
  deadline?: { label: string; text: string; iso: string }
  steps: string[]
  notes: string[]
}

/** Replaces the built-in steps, per konbini chain id, "payeasy" or "banknet" (e.g. from Paygent's 添付資料). */
export type StepOverrides = Partial<Record<string, { ja: string[]; en: string[] }>>

export interface FormatOptions {
  steps?: StepOverrides
}

type Konbini = Extract<PaymentInstructions, { kind: "konbini" }>
type PayEasy = Extract<PaymentInstructions, { kind: "payeasy" }>
type BankNet = Extract<PaymentInstructions, { kind: "banknet" }>

const L = {
  slipNumber: { ja: "払込票番号", en: "Payment slip number (払込票番号)" },
  shunoNumber: { ja: "収納番号", en: "Payment number (収納番号)" },
  customerNumber: { ja: "お客様番号", en: "Customer number (お客様番号)" },
  confirmationNumber: { ja: "確認番号", en: "Confirmation number (確認番号)" },
  receptionNumber: { ja: "お支払い受付番号", en: "Payment reception number (お支払い受付番号)" },
  paymentNumber: { ja: "支払番号", en: "Payment number (支払番号)" },
  onlineNumber: { ja: "オンライン決済番号", en: "Online payment number (オンライン決済番号)" },
  phone: { ja: "電話番号（ご注文時にご入力の番号）", en: "Phone number (the one you gave at checkout)" },
  payCenterNumber: { ja: "収納機関番号", en: "Biller number (収納機関番号)" },
  genericNumber: { ja: "お支払い番号", en: "Payment number" },
  showSlip: { ja: "払込票を表示する", en: "Show the payment slip" },
  showBarcode: { ja: "バーコードを表示する", en: "Show the barcode" },
  chooseBank: { ja: "お支払い手続きへ進む（銀行を選択）", en: "Continue to payment (choose your bank)" },
  payDeadline: { ja: "お支払い期限", en: "Payment deadline" },
  bankDeadline: { ja: "お手続き期限", en: "Complete by" },
} satisfies Record<string, Bilingual>

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

/**
 * A deadline as Japan time: `2026年12月05日 23:59まで` / `by 5 Dec 2026, 23:59 JST`. A date alone
 * (YYYY-MM-DD, or Paygent's YYYYMMDD) means the end of that day; date-times without an offset are JST.
 */
export function formatDeadline(value: string, locale: Locale): string | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ]?(\d{2}):?(\d{2})(?::?(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim())
  if (!m) {
    return undefined
  }
  let [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4] ?? "23", m[5] ?? "59"].map(Number)
  const offset = m[7]
  if (m[4] && offset && !/^\+09:?00$/.test(offset)) {
    const utc = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}${offset === "Z" ? "Z" : offset.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")}`)
    const jst = new Date(utc + 9 * 3600_000)
    ;[year, month, day, hour, minute] = [jst.getUTCFullYear(), jst.getUTCMonth() + 1, jst.getUTCDate(), jst.getUTCHours(), jst.getUTCMinutes()]
  }
  const pad = (n: number) => String(n).padStart(2, "0")
  return locale === "ja"
    ? `${year}年${pad(month)}月${pad(day)}日 ${pad(hour)}:${pad(minute)}まで`
    : `by ${day} ${MONTHS[month - 1]} ${year}, ${pad(hour)}:${pad(minute)} JST`
}

/**
 * The moment a deadline ends, as epoch milliseconds: a date alone (YYYY-MM-DD or YYYYMMDD) is the end of that day
 * in Japan (23:59:59 JST); a date-time without an offset is JST.
 */
export function deadlineTime(value: string): number | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ]?(\d{2}):?(\d{2})(?::?(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim())
  if (!m) return undefined
  const offset = !m[4] || !m[7] ? "+09:00" : m[7] === "Z" ? "Z" : m[7].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")
  const time = m[4] ? `${m[4]}:${m[5]}:${m[6] ?? "00"}` : "23:59:59"
  const at = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${time}${offset}`)
  return Number.isNaN(at) ? undefined : at
}

/** Time left until a deadline in words: "あと2日3時間" / "2 days 3 hours left"; undefined once it has passed. */
export function formatRemaining(ms: number, locale: Locale): string | undefined {
  if (!(ms > 0)) return undefined
  const minutes = Math.floor(ms / 60_000)
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const mins = minutes % 60
  if (locale === "ja") {
    const parts = days > 0 ? [`${days}日`, `${hours}時間`] : hours > 0 ? [`${hours}時間`, `${mins}分`] : [`${Math.max(mins, 1)}分`]
    return `あと${parts.join("")}`
  }
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`
  const parts = days > 0 ? [unit(days, "day"), unit(hours, "hour")] : hours > 0 ? [unit(hours, "hour"), unit(mins, "minute")] : [unit(Math.max(mins, 1), "minute")]
  return `${parts.join(" ")} left`
}

function deadline(value: string | undefined, label: Bilingual, enVerb: string, locale: Locale) {
  const text = value ? formatDeadline(value, locale) : undefined
  if (!value || !text) {
    return undefined
  }
  return { label: label[locale], text: locale === "ja" ? text : `${enVerb} ${text}`, iso: value }
}

/** How a chain's numbers are named, which depends on the chain and the shop's connection type (docs/protocol.md §8.2). */
type NumberStyle = "slip" | "shuno" | "customer_conf" | "reception_phone" | "payment_phone" | "online" | "generic"

function numberStyle(info: Konbini): NumberStyle {
  const second = info.second_number?.kind
  switch (info.cvs_company_id) {
    case "00C001":
      return "slip"
    case "00C005":
      return second === "confirmation" ? "customer_conf" : "shuno"
    case "00C002":
    case "00C004":
      if (second === "confirmation") return "customer_conf"
      // Type F (CVS 05) numbers look like PG12345678; type D ones are 6 digits.
      if (second === "phone") return /^PG/i.test(info.receipt_number) ? "payment_phone" : "reception_phone"
      return "generic"
    case "00C016":
      return second === "phone" ? "reception_phone" : "online"
    case "00C014":
      return "online"
    default:
      return "generic"
  }
}

const FIRST_LABEL: Record<NumberStyle, Bilingual> = {
  slip: L.slipNumber,
  shuno: L.shunoNumber,
  customer_conf: L.customerNumber,
  reception_phone: L.receptionNumber,
  payment_phone: L.paymentNumber,
  online: L.onlineNumber,
  generic: L.genericNumber,
}

function joinLabels(labels: Bilingual[], locale: Locale): string {
  const names = labels.map((label) => (locale === "ja" ? label.ja : label.en.replace(/ \(.*\)$/, "").toLowerCase()))
  return locale === "ja" ? names.join("と") : names.join(" and ")
}

type Steps = { ja: string[]; en: string[] }

function registerSteps(numbers: Bilingual[]): Steps {
  return {
    ja: ["レジで「インターネット支払い」とお伝えください。", `${joinLabels(numbers, "ja")}をお伝えください。`, "代金を現金でお支払いください。"],
    en: [
      "At the register, say you want to pay for an online order.",
      `Give the clerk the ${joinLabels(numbers, "en")}.`,
      "Pay in cash.",
    ],
  }
}

function terminalSteps(terminal: Bilingual, menu: Bilingual, numbers: Bilingual[]): Steps {
  return {
    ja: [
      `店内の${terminal.ja}で「${menu.ja}」を選んでください。`,
      `${joinLabels(numbers, "ja")}を入力してください。`,
      "発券された申込券を30分以内にレジへお持ちになり、代金を現金でお支払いください。",
    ],
    en: [
      `On the in-store ${terminal.en}, choose ${menu.en}.`,
      `Enter the ${joinLabels(numbers, "en")}.`,
      "Take the printed slip to the register within 30 minutes and pay in cash.",
    ],
  }
}

const LOPPI = { ja: "Loppi", en: "Loppi terminal" }
const LOPPI_MENU = { ja: "各種番号をお持ちの方", en: "各種番号をお持ちの方 (I have a number)" }
const MULTI_COPY = { ja: "マルチコピー機", en: "multi-copy machine" }
const MULTI_COPY_MENU = { ja: "代金支払い", en: "代金支払い (bill payment)" }

function konbiniSteps(info: Konbini, style: NumberStyle, numbers: Bilingual[]): Steps {
  switch (style) {
    case "slip":
      return {
        ja: [
          "レジで「インターネット代金の支払い」とお伝えください。",
          "払込票番号をお伝えいただくか、払込票（印刷またはスマートフォンの画面）をご提示ください。",
          "代金を現金でお支払いください。お渡しする払込受領証が領収書となります。",
        ],
        en: [
          "At the register, say you want to pay for an online order (インターネット代金の支払い).",
          "Tell the clerk the payment slip number, or show the payment slip (printed or on your phone).",
          "Pay in cash; the receipt you are given (払込受領証) is your proof of payment.",
        ],
      }
    case "shuno":
      return {
        ja: [
          "レジでバーコードをご提示いただくか、店内のマルチコピー機で「代金支払い」を選んで収納番号を入力してください。",
          "マルチコピー機をお使いの場合は、発券された申込券を30分以内にレジへお持ちください。",
          "代金を現金でお支払いください。",
        ],
        en: [
          "Show the barcode at the register, or choose 代金支払い (bill payment) on the in-store multi-copy machine and enter the payment number.",
          "If you used the machine, take the printed slip to the register within 30 minutes.",
          "Pay in cash.",
        ],
      }
    case "online":
      return {
        ja: ["レジで「オンライン決済」とお伝えください。", "オンライン決済番号をお伝えください。", "代金を現金でお支払いください。"],
        en: [
          "At the register, say you want to make an online payment (オンライン決済).",
          "Give the clerk the online payment number.",
          "Pay in cash.",
        ],
      }
    default:
      if (info.cvs_company_id === "00C002") return terminalSteps(LOPPI, LOPPI_MENU, numbers)
      if (info.cvs_company_id === "00C005") return terminalSteps(MULTI_COPY, MULTI_COPY_MENU, numbers)
      return registerSteps(numbers)
  }
}

function formatKonbini(info: Konbini, locale: Locale, options: FormatOptions): FormattedInstructions {
  const style = numberStyle(info)
  const chainName = konbiniChainName(info.cvs_company_id, locale)
  const numbers: { key: string; label: Bilingual; value: string }[] = [
    { key: "receipt_number", label: FIRST_LABEL[style], value: info.receipt_number },
  ]
  if (info.second_number?.kind === "confirmation") {
    numbers.push({ key: "confirmation_number", label: L.confirmationNumber, value: info.second_number.value })
  } else if (info.second_number?.kind === "phone") {
    numbers.push({ key: "phone", label: L.phone, value: info.second_number.value })
  }
  const links: InstructionLink[] = []
  if (info.receipt_print_url && (style === "slip" || style === "shuno")) {
    const label = style === "slip" ? L.showSlip : L.showBarcode
    links.push({ key: style === "slip" ? "payment_slip" : "barcode", label: label[locale], url: info.receipt_print_url })
  }
  const steps = options.steps?.[info.cvs_company_id] ?? konbiniSteps(info, style, numbers.map((n) => n.label))
  const others = [...new Set(
    (info.usable_cvs_company_ids ?? [])
      .filter((id) => id !== info.cvs_company_id)
      .map((id) => konbiniChainName(id, locale))
      .filter((name) => name !== chainName)
  )]
  const notes =
    others.length === 0
      ? []
      : locale === "ja"
        ? [`この番号は${others.join("・")}でもお支払いいただけます。`]
        : [`You can also pay with these numbers at ${others.join(", ")}.`]
  notes.push(
    locale === "ja"
      ? "お支払い期限を過ぎると、この番号ではお支払いいただけません。"
      : "After the deadline these numbers can no longer be used."
  )
  return {
    kind: "konbini",
    title: locale === "ja" ? `${chainName}でのお支払い` : `Pay at ${chainName}`,
    chain: { id: info.cvs_company_id, name: chainName },
    numbers: numbers.map((n) => ({ key: n.key, label: n.label[locale], value: n.value })),
    links,
    deadline: deadline(info.payment_limit_date, L.payDeadline, "Pay", locale),
    steps: steps[locale],
    notes,
  }
}

const PAYEASY_STEPS: Steps = {
  ja: [
    "ペイジー（Pay-easy）マークのある銀行ATMで「税金・料金払込み」を選んでください。",
    "収納機関番号・お客様番号・確認番号を入力してください。",
    "内容をご確認のうえ、現金またはキャッシュカードでお支払いください。",
  ],
  en: [
    "At a bank ATM with the Pay-easy mark, choose 税金・料金払込み (taxes and bill payment).",
    "Enter the biller number, customer number and confirmation number.",
    "Check the details and pay in cash or with your cash card.",
  ],
}

function formatPayEasy(info: PayEasy, locale: Locale, options: FormatOptions): FormattedInstructions {
  return {
    kind: "payeasy",
    title: locale === "ja" ? "ペイジー（Pay-easy）でのお支払い" : "Pay with Pay-easy",
    numbers: [
      { key: "pay_center_number", label: L.payCenterNumber[locale], value: info.pay_center_number },
      { key: "customer_number", label: L.customerNumber[locale], value: info.customer_number },
      { key: "conf_number", label: L.confirmationNumber[locale], value: info.conf_number },
    ],
    links: [],
    deadline: deadline(info.payment_limit_date, L.payDeadline, "Pay", locale),
    steps: (options.steps?.payeasy ?? PAYEASY_STEPS)[locale],
    notes: [
      locale === "ja"
        ? "ペイジー対応の金融機関のインターネットバンキング・モバイルバンキングからもお支払いいただけます。"
        : "You can also pay through the online or mobile banking of a bank that supports Pay-easy.",
    ],
  }
}

const BANKNET_STEPS: Steps = {
  ja: [
    "「お支払い手続きへ進む」から、お支払いに使う銀行を選んでください。",
    "銀行のインターネットバンキングにログインし、お支払いを確定してください。",
  ],
  en: [
    "Use “Continue to payment” and choose the bank you pay from.",
    "Log in to your bank's online banking and confirm the payment.",
  ],
}

function formatBankNet(info: BankNet, locale: Locale, options: FormatOptions): FormattedInstructions {
  return {
    kind: "banknet",
    title: locale === "ja" ? "銀行ネット決済でのお支払い" : "Pay by online bank transfer",
    numbers: [],
    links: info.asp_url ? [{ key: "bank_selection", label: L.chooseBank[locale], url: info.asp_url }] : [],
    deadline: deadline(info.asp_limit_date, L.bankDeadline, "Choose your bank", locale),
    steps: (options.steps?.banknet ?? BANKNET_STEPS)[locale],
    notes: [
      locale === "ja"
        ? "お支払いの確認までお時間がかかる場合があります。"
        : "It may take a while until your payment is confirmed.",
    ],
  }
}

/** The session's `data.paygent.instructions` as a render-ready object in the shopper's language. */
export function formatInstructions(
  instructions: PaymentInstructions,
  locale: Locale,
  options: FormatOptions = {}
): FormattedInstructions {
  switch (instructions.kind) {
    case "konbini":
      return formatKonbini(instructions, locale, options)
    case "payeasy":
      return formatPayEasy(instructions, locale, options)
    case "banknet":
      return formatBankNet(instructions, locale, options)
  }
}
