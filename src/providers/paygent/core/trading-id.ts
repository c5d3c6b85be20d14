// The trading_id ⇄ payment session mapping lives with the ledger that keys its rows by it (src/modules/paygent).
export { sessionOfTradingId, tradingIdFor } from "../../../modules/paygent/trading-id"
