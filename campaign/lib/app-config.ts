/**
 * What the campaign changes in the repository's app configuration (root medusa-config.ts), without editing it:
 * - a short Paygent client timeout, so that a `delay` fault outlasts it (the default, 35 s, is Paygent's own);
 * - with a Redis URL, Medusa's Redis modules (event bus, workflow engine, locking), as README "Several instances"
 *   asks for when more than one instance shares a database.
 * Used by the generated medusa-config.ts of `npm run campaign` and by the reduced spec's beforeServerStart hook.
 */
export const CAMPAIGN_TIMEOUT_MS = 4000

type Config = { projectConfig?: Record<string, unknown>; modules?: Record<string, any> | any[] }

function moduleEntries(config: Config): any[] {
  const modules = config.modules ?? []
  return Array.isArray(modules) ? modules : Object.values(modules)
}

/** Sets `timeoutMs` on the Paygent module's and the Paygent provider's options. */
export function applyPaygentTimeout(config: Config, timeoutMs: number): void {
  for (const entry of moduleEntries(config)) {
    if (!entry || typeof entry !== "object") {
      continue
    }
    if (String(entry.resolve ?? "").includes("modules/paygent") && entry.options) {
      entry.options.timeoutMs = timeoutMs
    }
    for (const provider of entry.options?.providers ?? []) {
      if (String(provider.resolve ?? "").includes("providers/paygent") && provider.options) {
        provider.options.timeoutMs = timeoutMs
      }
    }
  }
}

/** Medusa's Redis modules for event bus, workflow engine and locking (config.modules as defineConfig makes it). */
export function applyRedis(config: Config, redisUrl: string): void {
  if (Array.isArray(config.modules) || !config.modules) {
    throw new Error("expected the modules object that defineConfig returns")
  }
  config.projectConfig = { ...(config.projectConfig ?? {}), redisUrl }
  config.modules.event_bus = { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } }
  config.modules.workflows = { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } }
  config.modules.locking = {
    resolve: "@medusajs/medusa/locking",
    options: {
      providers: [{ resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } }],
    },
  }
}
