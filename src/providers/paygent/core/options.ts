// The provider's options are read and checked in src/options, with the plugin's other options.
export { DEFAULT_LIMITS, resolvePaygentOptions, validatePaygentOptions, type ResolvedPaygentOptions } from "../../../options/provider"
