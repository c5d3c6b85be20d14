/**
 * Looks for what must never be stored or logged: the connect password, the hash keys, card tokens, card numbers,
 * any 16-digit number. Searches the app's logs (text) and every table of the database (each row as text, matched
 * inside PostgreSQL).
 *
 * One 16-digit number is legitimate and allowed by name: Pay-easy's お客様番号 (customer_number), which Paygent
 * issues for the shopper to type at the ATM and which the order's payment instructions must show. The scan lists the
 * customer numbers the simulator issued and does not count those.
 */
import type { Db } from "./db"

export interface SecretHit {
  where: string
  what: string
  sample: string
}

/**
 * 16 digits standing alone: not part of a longer run of digits, nor of a word of letters and digits (a hex hash or
 * a base64 token may contain 16 digits in a row by chance). The card numbers the campaign used are also searched
 * for by name, wherever they stand.
 */
const SIXTEEN_DIGITS = "(^|[^0-9A-Za-z])([0-9]{16})($|[^0-9A-Za-z])"

function mask(value: string): string {
  return value.length <= 6 ? "***" : `${value.slice(0, 2)}…${value.slice(-2)} (${value.length} chars)`
}

export function scanText(where: string, text: string, secrets: string[], allowedNumbers: Set<string>): SecretHit[] {
  const hits: SecretHit[] = []
  for (const secret of secrets) {
    if (secret && text.includes(secret)) {
      const at = text.indexOf(secret)
      hits.push({ where, what: `secret ${mask(secret)}`, sample: text.slice(Math.max(0, at - 60), at).replace(/\s+/g, " ") + "<…>" })
    }
  }
  const regex = new RegExp(SIXTEEN_DIGITS, "g")
  for (const match of text.matchAll(regex)) {
    if (!allowedNumbers.has(match[2])) {
      hits.push({ where, what: `16-digit number ${mask(match[2])}`, sample: text.slice(Math.max(0, (match.index ?? 0) - 60), match.index).replace(/\s+/g, " ") + "<…>" })
    }
  }
  return hits
}

export async function scanDatabase(db: Db, secrets: string[], allowedNumbers: Set<string>): Promise<{ hits: SecretHit[]; tables: number; rows: number }> {
  const tables = await db.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`
  )
  const hits: SecretHit[] = []
  let rows = 0
  for (const { table_name } of tables) {
    const quoted = `"${table_name.replace(/"/g, '""')}"`
    const [{ n }] = await db.query(`select count(*)::int as n from ${quoted}`)
    rows += n
    for (const secret of secrets.filter(Boolean)) {
      const [{ found }] = await db.query(`select count(*)::int as found from ${quoted} t where strpos(t::text, $1) > 0`, [secret])
      if (found) hits.push({ where: `table ${table_name}`, what: `secret ${mask(secret)}`, sample: `${found} rows` })
    }
    const numbers = await db.query<{ number: string }>(
      `select distinct m[2] as number from ${quoted} t, regexp_matches(t::text, $1, 'g') as m`,
      [SIXTEEN_DIGITS]
    )
    for (const { number } of numbers) {
      if (!allowedNumbers.has(number)) hits.push({ where: `table ${table_name}`, what: `16-digit number ${mask(number)}`, sample: "" })
    }
  }
  return { hits, tables: tables.length, rows }
}
