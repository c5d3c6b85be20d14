/** The ledger's name for what a telegram kind does. */
export const OPERATION_BY_KIND: Record<string, string> = {
  "010": "apply",
  "020": "authorize",
  "021": "cancel_authorization",
  "022": "capture",
  "023": "cancel_sales",
  "025": "stored_card_set",
  "026": "stored_card_delete",
  "027": "stored_card_list",
  "028": "change_authorization",
  "029": "change_sales",
  "030": "apply",
  "060": "apply",
  "091": "notice_inquiry",
  "094": "inquiry",
  "116": "stored_card_update",
  "450": "three_ds",
}
