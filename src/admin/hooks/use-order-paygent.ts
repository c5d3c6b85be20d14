import { useQuery } from "@tanstack/react-query"
import { fetchOrderNotices, fetchOrderView, paygentKeys } from "../lib/api"

/** The order's Paygent payments and ledger (GET /admin/paygent/orders/:id) and its stored notices. */
export function useOrderPaygent(orderId: string) {
  const view = useQuery({ queryKey: paygentKeys.order(orderId), queryFn: () => fetchOrderView(orderId) })
  const notices = useQuery({ queryKey: paygentKeys.notices(orderId), queryFn: () => fetchOrderNotices(orderId) })
  return { view, notices }
}
