/**
 * The local sequence of payment_notice_ids (docs/protocol.md §7.1: sequential per merchant, from 1). A missing id below
 * the highest one stored is a gap: a push that never came and a 091 answer that was lost after Paygent had
 * already marked the record read. Ids are up to 18 digits, beyond Number's exact range, so they are BigInts here
 * and 18-digit zero-padded text in the database (text order = number order).
 */

/**
 * Ids missing between `cursor` (every id up to it is accounted for; null = nothing is known yet) and the highest
 * id in `present`. With no cursor the first id present starts the sequence: earlier ids belong to before this
 * server received notices. At most `limit` gaps, lowest first.
 */
export function findGaps(cursor: bigint | null, present: Iterable<bigint>, limit = 200): bigint[] {
  const ids = [...new Set(present)].filter((id) => cursor === null || id > cursor).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  if (ids.length === 0) {
    return []
  }
  const seen = new Set(ids)
  const gaps: bigint[] = []
  let next = cursor === null ? ids[0] : cursor + 1n
  const last = ids[ids.length - 1]
  for (; next < last && gaps.length < limit; next++) {
    if (!seen.has(next)) {
      gaps.push(next)
    }
  }
  return gaps
}

/**
 * How far the contiguous run goes: the highest id such that every id after `cursor` up to it is in `accounted`
 * (stored, or known to be lost). Returns `cursor` when the next id is still missing.
 */
export function advanceCursor(cursor: bigint | null, accounted: Iterable<bigint>): bigint | null {
  const ids = new Set(accounted)
  if (ids.size === 0) {
    return cursor
  }
  let at = cursor
  if (at === null) {
    let min: bigint | undefined
    for (const id of ids) {
      if (min === undefined || id < min) {
        min = id
      }
    }
    at = min! - 1n
  }
  while (ids.has(at + 1n)) {
    at += 1n
  }
  return at
}

/**
 * How many ids are missing between `cursor` and the highest id in `present` (what findGaps would list without its
 * limit), counted without listing them.
 */
export function countGaps(cursor: bigint | null, present: Iterable<bigint>): bigint {
  const ids = [...new Set(present)].filter((id) => cursor === null || id > cursor)
  if (ids.length === 0) {
    return 0n
  }
  let min = ids[0]
  let max = ids[0]
  for (const id of ids) {
    if (id < min) min = id
    if (id > max) max = id
  }
  const start = cursor === null ? min : cursor + 1n
  return max - start + 1n - BigInt(ids.length)
}

/**
 * Splits stored ids into those the gap repair works towards and those far beyond the sequence: Paygent numbers its
 * notices one by one, so an id more than `jumpLimit` above the last id known to be contiguous (`cursor`, else the
 * lowest id stored) cannot be one Paygent issued yet. Repairing towards it would send 091 for every id in between.
 */
export function splitPlausible(
  cursor: bigint | null,
  present: Iterable<bigint>,
  jumpLimit: bigint
): { plausible: bigint[]; implausible: bigint[] } {
  const ids = [...new Set(present)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  if (!ids.length) {
    return { plausible: [], implausible: [] }
  }
  const base = cursor ?? ids[0]
  const ceiling = base + jumpLimit
  return { plausible: ids.filter((id) => id <= ceiling), implausible: ids.filter((id) => id > ceiling) }
}
