/** Telegram kinds (電文種別ID, docs/protocol.md §3) by name, for the layers that branch on a kind. */
export const TELEGRAM_KIND = {
  ATM_APPLY: "010",
  CARD_AUTHORIZE: "020",
  /** オーソリ取消. */
  AUTH_CANCEL: "021",
  /** 売上. */
  CAPTURE: "022",
  /** 売上取消. */
  SALES_CANCEL: "023",
  STORED_CARD_SET: "025",
  STORED_CARD_DELETE: "026",
  STORED_CARD_LIST: "027",
  /** 補正オーソリ: a new authorization for a new amount, the old one cancelled. */
  AUTH_CHANGE: "028",
  /** 補正売上: a new sale for a new amount, the old one cancelled. */
  SALES_CHANGE: "029",
  KONBINI_APPLY: "030",
  BANK_NET_APPLY: "060",
  /** 決済情報差分照会. */
  NOTICE_INQUIRY: "091",
  /** 決済情報照会: the truth after an unknown outcome. */
  PAYMENT_INQUIRY: "094",
  STORED_CARD_UPDATE: "116",
  THREE_DS_AUTHENTICATE: "450",
} as const

export type TelegramKindName = keyof typeof TELEGRAM_KIND
