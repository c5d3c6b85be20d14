/**
 * The shape a value has once `res.json` has sent it: dates become ISO strings, everything else keeps its type. The
 * admin reads the API's answers through this, so that it uses the types the routes produce instead of copies.
 */
export type JsonShape<T> = T extends Date
  ? string
  : T extends Array<infer Item>
    ? Array<JsonShape<Item>>
    : T extends object
      ? { [K in keyof T]: JsonShape<T[K]> }
      : T
