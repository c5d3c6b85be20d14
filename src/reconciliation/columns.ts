import { DISCREPANCY_LABELS, MANUAL_REFUND_REASON_LABELS, MANUAL_REFUND_STATUS_LABELS } from "./explain"
import type { Bilingual, ReconciliationColumn, ReconciliationRow } from "./types"

/**
 * The report's columns. Paygent's are named as in Paygent Online's payment list (決済ID, マーチャント取引ID, 決済種別,
 * 決済ステータス, 決済金額, 申込日時 …, i.e. the names of the 094 / 091 items in Paygent's specification), so an
 * accountant can put the CSV beside Paygent Online's download; Medusa's and the comparison's follow. The mapping is
 * documented in docs/operations/reconciliation.md.
 */
export interface ColumnSpec extends ReconciliationColumn {
  /** number: written bare (Excel sums it); text: quoted when needed and protected against formulas. */
  type: "text" | "number"
  value: (row: ReconciliationRow) => string | number | null
}

/** An ISO 8601 date-time (+09:00) or date as Paygent Online shows it: YYYY/MM/DD HH:MM:SS (JST), or YYYY/MM/DD. */
export function formatJst(iso: string | null): string | null {
  if (!iso) {
    return null
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (day) {
    return `${day[1]}/${day[2]}/${day[3]}`
  }
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) {
    return iso
  }
  const jst = new Date(date.getTime() + 9 * 60 * 60 * 1000).toISOString()
  return `${jst.slice(0, 4)}/${jst.slice(5, 7)}/${jst.slice(8, 10)} ${jst.slice(11, 19)}`
}

const ja = (label: Bilingual | null | undefined) => label?.ja ?? null

function resultOf(row: ReconciliationRow): Bilingual {
  if (row.row_type === "manual_refund") {
    return { ja: "手動返金", en: "Manual refund" }
  }
  return row.discrepancy ? { ja: "不一致", en: "Mismatch" } : { ja: "一致", en: "Match" }
}

function labelOf(table: Record<string, Bilingual>, value: string | null): Bilingual | null {
  if (!value) {
    return null
  }
  const parts = value.split("/")
  return {
    ja: parts.map((p) => table[p]?.ja ?? p).join("/"),
    en: parts.map((p) => table[p]?.en ?? p).join("/"),
  }
}

export const COLUMNS: ColumnSpec[] = [
  { key: "result", ja: "照合結果", en: "Result", type: "text", value: (r) => resultOf(r).ja },
  { key: "discrepancy", ja: "不一致の種類", en: "Discrepancy", type: "text", value: (r) => (r.discrepancy ? DISCREPANCY_LABELS[r.discrepancy].ja : null) },
  { key: "discrepancy_code", ja: "不一致コード", en: "Discrepancy code", type: "text", value: (r) => r.discrepancy },
  { key: "explanation_ja", ja: "説明", en: "Explanation (Japanese)", type: "text", value: (r) => r.explanation.ja },
  // Paygent (094), as in Paygent Online's payment list.
  { key: "payment_id", ja: "決済ID", en: "Payment ID", type: "text", value: (r) => r.payment_id },
  { key: "trading_id", ja: "マーチャント取引ID", en: "Merchant trading ID", type: "text", value: (r) => r.trading_id },
  { key: "payment_type", ja: "決済種別", en: "Payment type", type: "text", value: (r) => ja(r.payment_type_label) ?? r.payment_type },
  { key: "payment_status", ja: "決済ステータス", en: "Payment status", type: "text", value: (r) => ja(r.payment_status_label) ?? r.payment_status },
  { key: "payment_status_code", ja: "ステータスコード", en: "Status code", type: "text", value: (r) => r.payment_status },
  { key: "payment_amount", ja: "決済金額", en: "Amount (Paygent)", type: "number", value: (r) => r.payment_amount },
  { key: "payment_init_date", ja: "申込日時", en: "Applied at", type: "text", value: (r) => formatJst(r.payment_init_date) },
  { key: "authorized_date", ja: "オーソリ日時", en: "Authorized at", type: "text", value: (r) => formatJst(r.authorized_date) },
  { key: "payment_date", ja: "売上日時/支払日時", en: "Captured / paid at", type: "text", value: (r) => formatJst(r.payment_date) },
  { key: "cancel_date", ja: "取消日時", en: "Cancelled at", type: "text", value: (r) => formatJst(r.cancel_date) },
  { key: "payment_limit_date", ja: "支払期限", en: "Payment deadline", type: "text", value: (r) => formatJst(r.payment_limit_date) },
  { key: "previous_payment_ids", ja: "旧決済ID", en: "Earlier payment IDs", type: "text", value: (r) => r.previous_payment_ids.join(" ") || null },
  // Medusa.
  { key: "order_display_id", ja: "注文番号", en: "Order no.", type: "number", value: (r) => r.order_display_id },
  { key: "order_id", ja: "注文ID", en: "Order ID", type: "text", value: (r) => r.order_id },
  { key: "medusa_payment_id", ja: "Medusa 支払いID", en: "Medusa payment ID", type: "text", value: (r) => r.medusa_payment_id ?? r.payment_session_id },
  { key: "medusa_side", ja: "Medusa の状態", en: "Medusa state", type: "text", value: (r) => ja(r.medusa_side_label) },
  { key: "medusa_amount", ja: "Medusa 決済金額", en: "Amount (Medusa)", type: "number", value: (r) => r.medusa_amount },
  { key: "medusa_captured", ja: "Medusa 売上金額", en: "Captured (Medusa)", type: "number", value: (r) => r.medusa_captured },
  { key: "medusa_refunded", ja: "Medusa 返金金額", en: "Refunded (Medusa)", type: "number", value: (r) => r.medusa_refunded },
  { key: "expected_amount", ja: "照合金額（Medusa）", en: "Expected at Paygent", type: "number", value: (r) => r.expected_amount },
  { key: "difference", ja: "差額", en: "Difference (Paygent − Medusa)", type: "number", value: (r) => r.difference },
  // Manual refunds and notices.
  { key: "manual_refund_amount", ja: "手動返金額", en: "Manual refund", type: "number", value: (r) => r.manual_refund_amount },
  {
    key: "manual_refund_status",
    ja: "手動返金状態",
    en: "Manual refund status",
    type: "text",
    value: (r) => ja(labelOf(MANUAL_REFUND_STATUS_LABELS, r.manual_refund_status)),
  },
  {
    key: "manual_refund_reason",
    ja: "手動返金理由",
    en: "Manual refund reason",
    type: "text",
    value: (r) => ja(labelOf(MANUAL_REFUND_REASON_LABELS, r.manual_refund_reason)),
  },
  { key: "customer_name", ja: "お客様名", en: "Customer", type: "text", value: (r) => r.customer_name },
  { key: "last_notice_status", ja: "最終通知ステータス", en: "Last notice status", type: "text", value: (r) => r.last_notice_status },
  { key: "last_notice_at", ja: "最終通知日時", en: "Last notice at", type: "text", value: (r) => formatJst(r.last_notice_at) },
  { key: "explanation_en", ja: "説明（英語）", en: "Explanation", type: "text", value: (r) => r.explanation.en },
]

/** The columns as the JSON report lists them (key, Japanese and English name). */
export function columnList(): ReconciliationColumn[] {
  return COLUMNS.map(({ key, ja: name, en }) => ({ key, ja: name, en }))
}
