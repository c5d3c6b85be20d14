/**
 * Options a scheduled job needs when Medusa registers it — its schedule — before any container is at hand. The
 * paygent module is loaded before jobs are, so it leaves each job's resolved options here (one per process, like the
 * ledger registry); a job registered without the module gets the defaults.
 */
export function processRegistry<Options, Resolved>(name: string, resolve: (options: Options | undefined) => Resolved) {
  const key = Symbol.for(`medusa-payment-paygent.${name}`)
  const global = globalThis as typeof globalThis & { [key: symbol]: Resolved | undefined }
  return {
    register(options: Options | undefined): void {
      global[key] = resolve(options)
    },
    registered(): Resolved {
      return global[key] ?? resolve(undefined)
    },
  }
}
