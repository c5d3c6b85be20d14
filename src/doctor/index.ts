/** `medusa-paygent doctor` (issue #9): checks the plugin's options, certificates, connection and notice URL. */
export { runDoctor, CHECKS, DEFAULT_TIMEOUT_MS } from "./run"
export { renderText, renderJson, SYMBOLS } from "./format"
export { optionsFromEnv, ENV_NAMES } from "./options-from-env"
export { loadConfigFile, ConfigLoadError } from "./load-config"
export { buildTestNotice, isDoctorTestNotice, DOCTOR_NOTICE_ID, DOCTOR_TRADING_ID } from "./test-notice"
export { main, USAGE } from "./cli"
export type { CheckResult, CheckStatus, CheckId, DoctorInput, DoctorReport } from "./types"
