import { PaygentClient, type PaygentClientOptions } from "../paygent/client"
import type { PaygentClientHooks } from "../paygent/events"
import type { ResolvedPaygentOptions } from "./provider"

/** What a connection to Paygent needs of the options (resolved: certificate and CA read from their files). */
export type PaygentConnectionOptions = Pick<
  ResolvedPaygentOptions,
  "merchantId" | "connectId" | "connectPassword" | "baseUrl" | "ca" | "tlsMinVersion" | "tlsMaxVersion"
> &
  Partial<Pick<ResolvedPaygentOptions, "environment" | "verifyHostname" | "timeoutMs" | "proxyUrl" | "keepAlive">> & {
    certificate?: PaygentClientOptions["clientCertificate"]
  }

/**
 * The one way the plugin builds a Paygent client from its options: the provider (checkout and Medusa's payment
 * operations), the plugin's module (workflows, routes, jobs) and the doctor all connect the same way.
 */
export function createPaygentClient(options: PaygentConnectionOptions, hooks?: PaygentClientHooks): PaygentClient {
  return new PaygentClient({
    merchantId: options.merchantId,
    connectId: options.connectId,
    connectPassword: options.connectPassword,
    environment: options.environment,
    baseUrl: options.baseUrl,
    clientCertificate: options.certificate,
    ca: options.ca,
    tlsMinVersion: options.tlsMinVersion,
    tlsMaxVersion: options.tlsMaxVersion,
    verifyHostname: options.verifyHostname,
    timeoutMs: options.timeoutMs,
    proxyUrl: options.proxyUrl,
    keepAlive: options.keepAlive,
    ...(hooks ? { hooks } : {}),
  })
}
