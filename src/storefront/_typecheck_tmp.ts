import { loadPaygentToken, startThreeDs, readThreeDsReturn, findPaygentSession, nextPaygentAction } from "./index"
import type { HttpTypes } from "@medusajs/types"
export async function check(cart: HttpTypes.StoreCart, order: HttpTypes.StoreOrder, pc: HttpTypes.StorePaymentCollection, r: HttpTypes.StoreCompleteCartResponse) {
  await loadPaygentToken("x", { document, window })
  startThreeDs(findPaygentSession(cart), { document })
  readThreeDsReturn(window.location)
  nextPaygentAction(findPaygentSession(order))
  nextPaygentAction(pc.payment_sessions?.[0])
  if (r.type === "order") findPaygentSession(r.order)
  else findPaygentSession(r.cart)
}
