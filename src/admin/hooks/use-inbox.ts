import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { fetchInbox, paygentKeys, resolveAlert, type InboxFilters } from "../lib/api"

/** GET /admin/paygent/inbox with filters; refreshed every minute (ages and countdowns move). */
export function useInbox(filters: InboxFilters) {
  return useQuery({
    queryKey: paygentKeys.inbox(filters),
    queryFn: () => fetchInbox(filters),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  })
}

export function useResolveAlert() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (alertId: string) => resolveAlert(alertId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: paygentKeys.all }),
  })
}
