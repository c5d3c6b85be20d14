import type { TelegramDefinition } from "./definition"
import { ATM_APPLY } from "./atm"
import { BANK_NET_APPLY } from "./bank-net"
import {
  CARD_AUTHORIZE,
  CARD_CANCEL_AUTHORIZATION,
  CARD_CANCEL_SALES,
  CARD_CAPTURE,
  CARD_CHANGE_AUTHORIZATION,
  CARD_CHANGE_SALES,
} from "./card"
import { NOTICE_INQUIRY, PAYMENT_INQUIRY } from "./inquiry"
import { KONBINI_APPLY } from "./konbini"
import { STORED_CARD_DELETE, STORED_CARD_LIST, STORED_CARD_SET, STORED_CARD_UPDATE } from "./stored-card"
import { THREE_DS_AUTHENTICATE } from "./three-ds"

export * from "./definition"
export * from "./atm"
export * from "./bank-net"
export * from "./card"
export * from "./inquiry"
export * from "./konbini"
export * from "./stored-card"
export * from "./three-ds"

/** Telegram definitions by kind, for the telegrams the typed client implements. */
export const TELEGRAMS: Readonly<Record<string, TelegramDefinition>> = Object.fromEntries(
  [
    ATM_APPLY,
    CARD_AUTHORIZE,
    CARD_CANCEL_AUTHORIZATION,
    CARD_CAPTURE,
    CARD_CANCEL_SALES,
    STORED_CARD_SET,
    STORED_CARD_DELETE,
    STORED_CARD_LIST,
    CARD_CHANGE_AUTHORIZATION,
    CARD_CHANGE_SALES,
    KONBINI_APPLY,
    BANK_NET_APPLY,
    NOTICE_INQUIRY,
    PAYMENT_INQUIRY,
    STORED_CARD_UPDATE,
    THREE_DS_AUTHENTICATE,
  ].map((d) => [d.kind, d])
)
