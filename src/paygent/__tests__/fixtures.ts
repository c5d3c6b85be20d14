import fs from "node:fs"
import path from "node:path"

/** Loader for the shared byte fixtures in fixtures/paygent (format: fixtures/paygent/README.md). */

export const FIXTURE_DIR = path.resolve(__dirname, "../../../fixtures/paygent")

export interface TelegramFixture {
  file: string
  description: string
  telegram_kind: string
  path: string
  charset: "Windows-31J" | "UTF-8"
  request: { params: Array<[string, string]>; body: string }
  response:
    | { format: "key_value"; items: Array<[string, string]>; body_hex: string }
    | { format: "csv"; records: string[][]; body_hex: string }
}

export interface NoticeFixture {
  file: string
  description: string
  valid: boolean
  notice_hash_key: string
  params: Array<[string, string]>
  body: string
  hc_input: string
  hc: string
}

export interface HashFixture {
  name: string
  kind: "notice" | "3ds2_result" | "token" | "3ds1_result"
  inputs: Record<string, string>
  key: string
  concatenated: string
  sha256: string
}

function loadDir<T>(dir: string): T[] {
  const full = path.join(FIXTURE_DIR, dir)
  if (!fs.existsSync(full)) return []
  return fs
    .readdirSync(full)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ file: f, ...JSON.parse(fs.readFileSync(path.join(full, f), "utf8")) }))
}

export const telegramFixtures = (): TelegramFixture[] => loadDir<TelegramFixture>("telegrams")
export const noticeFixtures = (): NoticeFixture[] => loadDir<NoticeFixture>("notices")
export function hashFixtures(): HashFixture[] {
  const file = path.join(FIXTURE_DIR, "hashes.json")
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : []
}

export interface CharacterFixture {
  cases: Array<{ field_type: "kanji" | "text" | "kana"; typed: string; sent: string; bytes_hex: string; urlencoded: string; why: string }>
  refused: Array<{ field_type: "kanji"; typed: string; why: string }>
}

export function characterFixture(): CharacterFixture {
  return JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, "characters.json"), "utf8"))
}
