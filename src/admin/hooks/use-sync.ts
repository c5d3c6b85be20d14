import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { fetchSync, paygentKeys, runSyncNow } from "../lib/api"

/** The sync job's recent runs (GET /admin/paygent/sync) and "run now" (POST). */
export function useSync() {
  const queryClient = useQueryClient()
  const state = useQuery({ queryKey: paygentKeys.sync, queryFn: fetchSync, refetchInterval: 30_000 })
  const run = useMutation({
    mutationFn: runSyncNow,
    onSettled: () => queryClient.invalidateQueries({ queryKey: paygentKeys.all }),
  })
  return { state, run }
}
