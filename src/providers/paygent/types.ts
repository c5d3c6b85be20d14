// The options are declared with the plugin's other options (src/options).
export type { AmountLimits, PaygentProviderOptions } from "../../options/types"

export type { PaygentMethod } from "../../paygent/methods"
