import { PaygentReconcileOptions, registerReconcileOptions, validateReconcileOptions } from "./reconcile"
import { sessionSecretProblem } from "./session-secret"
import { registerShopperMailOptions, validateShopperMailOptions, type PaygentShopperMailOptions } from "./shopper-mails"
import { PaygentSyncOptions, registerSyncOptions, validateSyncOptions } from "./sync"
import type { PaygentProviderOptions } from "./types"

/** The plugin's options: the provider's (the same object) and those of the sync, reconciliation and shopper mails. */
export type PaygentPluginOptions = PaygentProviderOptions &
  PaygentSyncOptions &
  PaygentReconcileOptions & { shopperMails?: PaygentShopperMailOptions }

/**
 * Checks the options the plugin's module is given (at Medusa's boot) and registers those its jobs read before the
 * module is resolved. The provider's own options are checked in full by the provider (validatePaygentOptions); the
 * module repeats the session-secret rule so that a plugin configured for production without it does not boot either.
 */
export function validatePluginOptions(options: Partial<PaygentPluginOptions> | undefined): void {
  const secretProblem = options && Object.keys(options).length ? sessionSecretProblem(options as PaygentProviderOptions) : undefined
  if (secretProblem) {
    throw new Error(`Paygent plugin option "sessionSecret" ${secretProblem} / Paygent の設定 "sessionSecret" が正しくありません`)
  }
  validateSyncOptions((options ?? {}) as PaygentSyncOptions)
  registerSyncOptions(options as PaygentSyncOptions | undefined)
  validateReconcileOptions((options ?? {}) as PaygentReconcileOptions)
  registerReconcileOptions(options as PaygentReconcileOptions | undefined)
  validateShopperMailOptions(options?.shopperMails)
  registerShopperMailOptions(options?.shopperMails)
}
