export { PaygentManualRefund } from "./manual-refund"
export { PaygentTelegram } from "./telegram"
