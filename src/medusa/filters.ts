/**
 * Filters on Medusa's own modules (payment, order, notification) by columns their `Filterable*Props` types leave out
 * although the modules accept them (provider_id lists, status lists, date ranges, null): the plugin writes such a
 * filter in this grammar, which the compiler checks, and hands it to Medusa under Medusa's parameter type here,
 * once, instead of an unchecked cast at every call.
 */

type Scalar = string | number | boolean | Date
type Operators = {
  $eq?: Scalar | null
  $ne?: Scalar | null
  $in?: Scalar[]
  $nin?: Scalar[]
  $gt?: Scalar
  $gte?: Scalar
  $lt?: Scalar
  $lte?: Scalar
}
export type MedusaCondition = Scalar | Scalar[] | null | Operators
export interface MedusaFilter {
  [column: string]: MedusaCondition | MedusaFilter[] | undefined
}

/** A checked filter, typed as the Medusa method's parameter it is passed to (inferred from the call). */
export function medusaFilter<Filterable>(filter: MedusaFilter): Filterable {
  return filter as Filterable
}
