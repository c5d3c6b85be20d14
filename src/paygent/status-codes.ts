/**
 * Paygent's payment statuses by name (docs/protocol.md §6). Kept in a file that imports nothing, so the storefront
 * kit can use the names in a browser bundle without the status table and its labels; the rules on them (isPaid,
 * isCaptured …) are in statuses.ts.
 */
export const STATUS = {
  /** 申込済: card pending (2003 retry), konbini / ATM / net bank awaiting the shopper's payment. */
  APPLIED: "10",
  /** オーソリNG. */
  DECLINED: "11",
  /** 支払期限切: konbini / ATM / slip / virtual account not paid by the deadline. */
  EXPIRED: "12",
  /** 申込中断: net bank abandoned; for card, blocked by the mass-transaction blocker. */
  ABORTED: "15",
  /** 支払期限切（消込対象外）: virtual account expired beyond grace. */
  EXPIRED_UNCLEARED: "16",
  /** 3Dセキュア中断 (3-D Secure 1, obsolete). */
  THREE_DS1_INTERRUPTED: "13",
  /** 3Dセキュア認証 (3-D Secure 1, obsolete). */
  THREE_DS1_AUTHENTICATING: "14",
  /** 有効性確認NG (card registration). */
  VALIDITY_NG: "17",
  /** オーソリOK: a card authorization that can be captured, changed or cancelled. */
  AUTHORIZED: "20",
  /** オーソリ完了 (carrier). */
  AUTH_COMPLETE: "21",
  /** 有効性確認済 (card registration; cannot be captured or cancelled). */
  VALIDITY_OK: "22",
  /** 売上要求中 (abnormal: a capture that failed half-way). */
  CAPTURE_PENDING: "30",
  /** オーソリ取消中 (abnormal). */
  AUTH_CANCEL_PENDING: "31",
  /** オーソリ取消済. */
  AUTH_CANCELLED: "32",
  /** オーソリ期限切: 60 days after the authorization, capture impossible. */
  AUTH_EXPIRED: "33",
  /** 補正要求中 (carrier). */
  CHANGE_PENDING: "34",
  /** 売上要求済 (carrier / multi-currency / account transfer). */
  CAPTURE_REQUESTED: "35",
  /** 売上保留 (carrier). */
  CAPTURE_ON_HOLD: "36",
  /** 売上不可 (account transfer). */
  CAPTURE_IMPOSSIBLE: "37",
  /** 消込済: card captured, konbini / ATM / net bank paid. */
  CLEARED: "40",
  /** 消込済（売上取消期限切）: captured, refund (023) no longer possible. */
  CLEARED_NO_REFUND: "41",
  /** 売上取消中 (abnormal). */
  SALES_CANCEL_PENDING: "42",
  /** 速報検知済: konbini preliminary payment notice (most merchants treat it as paid). */
  PRELIMINARY: "43",
  /** 消込完了 (carrier). */
  CLEARING_COMPLETE: "44",
  /** 売上取消集計中 (abnormal). */
  SALES_CANCEL_TALLYING: "50",
  /** 売上取消済. */
  SALES_CANCELLED: "60",
  /** 速報取消済: a preliminary notice taken back. */
  PRELIMINARY_CANCELLED: "61",
  /** 取消完了 (carrier). */
  CANCEL_COMPLETE: "62",
} as const
