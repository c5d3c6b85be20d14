import { waitFor as poll } from "../../integration-tests/helpers/wait-for"

/** The integration suites' waitFor, at the pace of a whole demo: every 500 ms, for up to a minute by default. */
export function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  return poll(what, probe, timeoutMs, 500)
}
