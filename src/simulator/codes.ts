/**
 * Response codes (レスポンスコード, docs/protocol.md §5.4) and the response_detail text the simulator sends with them.
 * Card vendor codes (2001/2002/2003) carry the vendor code in double quotes instead (fixture README choice 4); the
 * card status codes (2004–2013) carry an empty detail (fixture README choice 12).
 */

export const RESPONSE_MESSAGES: Record<string, string> = {
  P001: "認証パラメータが存在しません",
  P002: "認証エラー（接続IDまたは接続パスワードが不正です）",
  P003: "IFバージョンが不正です",
  P004: "指定されたURLでこの決済手段を使用することはできません",
  P007: "未契約の決済手段です",
  P011: "利用限度額を超えています",
  P012: "支払期限日が範囲外です",
  P014: "決済金額が下限を下回っています",
  P017: "サービス停止中です",
  P018: "利用できない機能です",
  P021: "カード情報お預りサービスの利用が許可されていません",
  P022: "カード情報が存在しません",
  P023: "カード情報の登録数が上限に達しています",
  P024: "有効性チェックの利用が許可されていません",
  P025: "カード情報が存在しません",
  P026: "該当するカード情報が存在しません",
  P030: "支払区分が不正です",
  P063: "EMV 3Dセキュアの利用が許可されていません",
  E001: "ペイジェントシステムエラー",
  E002: "決済ベンダーアクセス数制限エラー",
  "9004": "決済情報差分照会が重複しています",
  "9005": "DBロックエラー",
  "2008": "タイムアウトエラー",
  "2020": "トークン有効期限切れエラー",
  "2021": "トークンなしエラー",
  "2022": "トークンワンタイムエラー",
  "2023": "カード情報直接指定エラー",
  "2024": "トークン指定時他項目指定不可エラー",
  "2025": "セキュリティコードトークン指定エラー",
  "2026": "トークン情報エラー",
  "3002": "コンビニ決済ベンダー側システムエラー",
  "5008": "2重支払確認",
  "5009": "ASP画面有効期限確認",
  "5010": "2重申込エラー",
  "5011": "金融機関選択可能回数オーバー",
  "13001": "該当する決済情報が存在しません",
  "13002": "マーチャント取引IDが重複しています",
  "31001": "受付できないカードです",
  "31002": "カード情報指定方法とパラメータの組み合わせが不正です",
  "31003": "トークン有効期限切れ",
  "31004": "トークンが存在しません",
  "31005": "トークンは使用済みです",
  "31006": "カード情報が存在しません",
  "31007": "本人認証に失敗しました",
  "31008": "EMV 3Dセキュア認証結果指定エラー",
  "31009": "EMV 3Dセキュア認証結果組み合わせエラー",
  "31010": "EMV 3Dセキュア認証結果利用不可エラー",
  "31011": "EMV 3Dセキュア認証結果情報なしエラー",
  "31012": "3Dセキュア未対応ブランドです",
  "31013": "認証タイムアウト",
}

export function messageFor(code: string): string {
  return RESPONSE_MESSAGES[code] ?? ""
}

/** The `response_detail` of a card vendor code: the code in literal double quotes, e.g. `"1G12"`. */
export function quotedVendorCode(vendorCode: string): string {
  return `"${vendorCode}"`
}

/**
 * Parameter-naming details of P005/P006/P008/P009/P010 in the spec's `"[項目名]"パラメータの値は…` shape, quotes and
 * brackets kept literally (fixture README choice 12).
 */
export const fieldDetail = {
  missing: (name: string) => `"[${name}]"パラメータが存在しません`,
  empty: (name: string) => `"[${name}]"パラメータの値は必須です`,
  type: (name: string, what: string) => `"[${name}]"パラメータの値は${what}で指定してください`,
  length: (name: string, max: number) => `"[${name}]"パラメータの値は${max}バイト以内で指定してください`,
  invalid: (name: string) => `"[${name}]"パラメータの値は不正です`,
}
