import { useQuery } from "@tanstack/react-query"
import { fetchOrderNotices, fetchOrderView, paygentKeys } from "../lib/api"

/** The order's Paygent payments and ledger (GET /admin/paygent/orders/:id) and its stored notices. */
export function useOrderPaygent(orderId: string) {
  const view = useQuery({ queryKey: paygentKeys.order(orderId), queryFn: () => fetchOrderView(orderId) })
  const notices = useQuery({
    queryKey: paygentKeys.notices(orderId),
    queryFn: () => fetchOrderNotices(orderId),
    // A notice being applied right now (e.g. the push that follows a capture): look again shortly.
    refetchInterval: (query) => (query.state.data?.notices.some((n) => !n.applied_at && n.apply_attempts === 0) ? 5_000 : false),
  })
  return { view, notices }
}
