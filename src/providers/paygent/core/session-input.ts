import { FIELD_LABELS as SHOPPER_FIELD_LABELS, invalidData, type Bilingual } from "./errors"

/**
 * Checks of the `data` a storefront sends when it creates a Paygent payment session, made before Medusa stores it
 * (a middleware on the store route) and again by the provider (any other caller).
 *
 * - Control characters: PostgreSQL cannot store U+0000 in `jsonb`, so Medusa's own insert fails and Medusa logs
 *   the data, card token and `token_hc` included; the others have no place in a name, a phone number or a token and
 *   would reach a telegram. Refused, naming the field, never echoing the value.
 * - Keys the server hands the provider and the provider cannot simply overwrite (its state, the 3-D Secure result,
 *   a notice): Medusa merges the provider's answer onto what the storefront sent, so a storefront's `paygent` would
 *   survive in the provider's state (e.g. a payment status) — refused. The sealed card values (`card_token_sealed`,
 *   `card_retry` …) are rewritten by the card service on every session (`SCRUBBED`), so they are dropped instead.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
const MAX_DEPTH = 16

/** Keys of a session's data that only the server writes and the provider does not rewrite on a new session. */
export const SERVER_WRITTEN_KEYS = ["paygent", "paygent_3ds_result", "paygent_notice"] as const

/** What the shopper typed, for the fields a checkout form shows (the rest are named by their key): the provider's words. */
const FIELD_LABELS: Record<string, Bilingual> = {
  ...SHOPPER_FIELD_LABELS,
  email: { ja: "メールアドレス", en: "E-mail address" },
}

type Problem = { kind: "control" | "too_deep" | "server_key"; path: string; key: string }

function keyPath(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key.replace(CONTROL, "?"))}]`
}

function firstControl(value: unknown, path: string, key: string, depth: number): Problem | undefined {
  if (typeof value === "string") {
    return CONTROL.test(value) ? { kind: "control", path, key } : undefined
  }
  if (!value || typeof value !== "object") {
    return undefined
  }
  if (depth >= MAX_DEPTH) {
    return { kind: "too_deep", path, key }
  }
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value)
  for (const [childKey, child] of entries) {
    const childPath = Array.isArray(value) ? `${path}[${childKey}]` : keyPath(path, childKey)
    if (!Array.isArray(value) && CONTROL.test(childKey)) {
      return { kind: "control", path: childPath, key: childKey }
    }
    const found = firstControl(child, childPath, Array.isArray(value) ? key : childKey, depth + 1)
    if (found) {
      return found
    }
  }
  return undefined
}

function problemOf(data: unknown): Problem | undefined {
  if (data && typeof data === "object" && !Array.isArray(data)) {
    for (const key of SERVER_WRITTEN_KEYS) {
      if ((data as Record<string, unknown>)[key] !== undefined) {
        return { kind: "server_key", path: `data.${key}`, key }
      }
    }
  }
  return firstControl(data, "data", "", 0)
}

/** A 400 for the first problem of the storefront's session data, or undefined when there is none. */
export function sessionInputError(data: unknown): Error | undefined {
  const problem = problemOf(data)
  return problem ? errorOf(problem) : undefined
}

/**
 * A 400 naming `key` when a value the provider takes from elsewhere (the Medusa customer) holds a control
 * character, or undefined.
 */
export function controlCharacterError(key: string, value: unknown): Error | undefined {
  return typeof value === "string" && CONTROL.test(value) ? errorOf({ kind: "control", path: key, key }) : undefined
}

function errorOf(problem: Problem): Error {
  const label = FIELD_LABELS[problem.key]
  const ja = label ? `${label.ja}（${problem.path}）` : `${problem.path} `
  const en = label ? `${problem.path} (${label.en})` : problem.path
  switch (problem.kind) {
    case "control":
      return invalidData({
        ja: `${ja}に制御文字（改行・タブ・NUL など）が含まれています。取り除いてから再度お試しください。`,
        en: `${en} contains a control character (line break, tab, NUL…), which is not allowed.`,
      })
    case "too_deep":
      return invalidData({ ja: `${ja}の入れ子が深すぎます。`, en: `${en} is nested too deeply.` })
    case "server_key":
      return invalidData({
        ja: `${ja}はサーバーが設定する項目のため、送信できません。`,
        en: `${en} is written by the server and cannot be sent.`,
      })
  }
}
