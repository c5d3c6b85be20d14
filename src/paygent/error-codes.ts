import type { PaygentErrorClass } from "./error-classes"
import { msg, type LocalizedMessage } from "./messages"

/**
 * Paygent's response codes (レスポンスコード一覧, docs/protocol.md §5.4) and the module-side codes (§1.4), each
 * with the class it falls into and a message for the merchant saying what happened and what to do.
 * Codes absent from this table are classified as "rejected".
 */
export interface ResponseCodeInfo {
  class: PaygentErrorClass
  /** Paygent's own name of the error. */
  name: string
  merchant: LocalizedMessage
}

const DETAIL_JA = "（詳細は response_detail を参照）"
const DETAIL_EN = " (see response_detail for the parameter)"

function entry(cls: PaygentErrorClass, name: string, ja: string, en: string): ResponseCodeInfo {
  return { class: cls, name, merchant: msg(ja, en) }
}

function notPermitted(name: string, what: string, whatJa: string): ResponseCodeInfo {
  return entry(
    "configuration",
    name,
    `${whatJa}の利用が許可されていません。ペイジェントとの契約・設定を確認してください。`,
    `${what} is not permitted for this merchant — check the Paygent contract/options or disable the feature.`
  )
}

export const RESPONSE_CODES: Readonly<Record<string, ResponseCodeInfo>> = {
  // ---- Authentication / protocol (P0xx) ----
  P001: entry(
    "configuration",
    "認証パラメータ存在エラー",
    "マーチャントID・接続ID・接続パスワードのいずれかが送信されていません。プラグイン設定を確認してください。",
    "merchant_id, connect_id or connect_password is missing — check the plugin settings."
  ),
  P002: entry(
    "configuration",
    "認証エラー",
    "接続IDまたは接続パスワードが正しくありません。ペイジェントから発行された値（試験環境と本番環境で異なります）を設定してください。",
    "Connect ID or connect password is wrong — set the values issued by Paygent (they differ between sandbox and production)."
  ),
  P003: entry(
    "configuration",
    "IFバージョンエラー",
    "telegram_version が不正です。ペイジェント指定の電文バージョン（通常 1.0）を設定してください。",
    "telegram_version was rejected — use the interface version given by Paygent (normally 1.0)."
  ),
  P004: entry(
    "configuration",
    "決済要求相違エラー",
    "指定されたURLではこの電文種別を利用できません。接続先URLの設定を確認してください。",
    "This telegram kind is not accepted at the URL it was sent to — check the base URL / path configuration."
  ),
  P005: entry("configuration", "パラメータ存在エラー", `必要なパラメータが送信されていません${DETAIL_JA}。`, `A required parameter was not sent${DETAIL_EN}.`),
  P006: entry("configuration", "必須エラー", `必須項目が空です${DETAIL_JA}。`, `A required value is empty${DETAIL_EN}.`),
  P007: entry(
    "configuration",
    "未契約エラー",
    "この決済手段は契約されていません。ペイジェントとの契約内容を確認するか、この決済手段を無効にしてください。",
    "This payment method is not contracted — check the Paygent contract or disable the method."
  ),
  P008: entry("configuration", "型エラー", `パラメータの型が不正です${DETAIL_JA}。`, `A parameter has the wrong type${DETAIL_EN}.`),
  P009: entry("configuration", "桁数エラー", `パラメータの桁数が不正です${DETAIL_JA}。`, `A parameter has the wrong length${DETAIL_EN}.`),
  P010: entry("configuration", "入力値エラー", `パラメータの値または組み合わせが不正です${DETAIL_JA}。`, `A parameter value or combination is invalid${DETAIL_EN}.`),
  P011: entry(
    "configuration",
    "利用限度額オーバー",
    "決済金額が加盟店の利用限度額を超えています。金額を見直すか、限度額の変更をペイジェントに依頼してください。",
    "The amount exceeds this merchant's limit — lower the amount or ask Paygent to raise the limit."
  ),
  P012: entry(
    "configuration",
    "支払期限日オーバー",
    "支払期限日が許容範囲外です（0〜60日）。支払期限の設定を確認してください。",
    "Payment deadline out of range (0–60 days) — check the payment deadline setting."
  ),
  P013: entry("configuration", "検索範囲指定エラー", "照会の検索範囲指定が不正です。", "The inquiry range is invalid (from is after to)."),
  P014: entry("configuration", "決済金額下限エラー", "決済金額は1円以上にしてください。", "The amount must be greater than 0."),
  P015: entry(
    "configuration",
    "不正接続エラー",
    "接続元IPアドレスがペイジェントに登録されていません。このサーバーの送信元IPアドレスを接続申請書で登録してください。",
    "IP address not registered with Paygent — register this server's outgoing IP in the connection application."
  ),
  P016: entry(
    "configuration",
    "クライアント証明書エラー",
    "クライアント証明書が正しくありません。この環境（試験/本番）用にペイジェントから発行された証明書を設定してください。",
    "Client certificate rejected — configure the Paygent-issued certificate for this environment (sandbox vs production)."
  ),
  P017: entry(
    "retryable",
    "サービス停止中エラー",
    "ペイジェントはメンテナンス中です。メンテナンス終了後に再実行してください。",
    "Paygent is under maintenance — retry after the maintenance window."
  ),
  P018: entry("configuration", "利用不可エラー", "この機能は利用できません。契約内容を確認してください。", "This function is not available for this merchant — check the contract."),
  P021: notPermitted("利用許可エラー", "The stored-card service", "カード情報お預かり機能"),
  P022: entry("not_found", "カード情報なしエラー", "削除対象の登録カードが見つかりません。", "The stored card to delete was not found."),
  P023: entry(
    "rejected",
    "カード情報数上限エラー",
    "この会員の登録カード数が上限（10枚）に達しています。不要なカードを削除してから登録してください。",
    "This customer already has the maximum number of stored cards (10) — delete one before adding another."
  ),
  P024: notPermitted("利用許可エラー", "The card validity check", "有効性チェック"),
  P025: entry("not_found", "カード情報なしエラー", "オーソリに指定された登録カードが見つかりません。", "The stored card given for the authorization was not found."),
  P026: entry("not_found", "カード情報なしエラー", "登録カードがありません。", "No stored card was found for this customer."),
  P027: notPermitted("利用許可エラー", "Recurring billing", "継続課金"),
  P028: notPermitted("利用許可エラー", "This card service", "このカードサービス"),
  P029: notPermitted("利用許可エラー", "Card amount reduction", "カード減額"),
  P030: entry(
    "configuration",
    "支払区分エラー",
    "指定された支払区分・分割回数は契約上利用できません。支払方法の設定を確認してください。",
    "The payment_class / split_count is not allowed by the contract — check which payment options are offered."
  ),
  P034: entry("configuration", "チケットエラー", "コンビニチケットのテンプレート指定が不正です。", "Konbini ticket template error."),
  P035: entry("configuration", "チケットエラー", "コンビニチケットのテンプレート指定が不正です。", "Konbini ticket template error."),
  P036: entry("configuration", "チケットエラー", "コンビニチケットのテンプレート指定が不正です。", "Konbini ticket template error."),
  P037: entry("configuration", "チケットエラー", "コンビニチケットのテンプレート指定が不正です。", "Konbini ticket template error."),
  P063: notPermitted("利用許可エラー", "EMV 3-D Secure", "EMV 3Dセキュア"),

  // ---- Paygent / vendor system ----
  E001: entry(
    "rejected",
    "ペイジェントシステムエラー",
    "ペイジェントまたは決済ベンダーでシステムエラーが発生しました。決済状況を照会（094）で確認し、解消しない場合はペイジェントに問い合わせてください。",
    "Paygent or vendor system error — check the payment with an inquiry (094) and contact Paygent if it persists."
  ),
  E002: entry(
    "retryable",
    "決済ベンダーアクセス数制限エラー",
    "決済ベンダーへのアクセス数が上限に達しました。時間をおいて再実行してください。",
    "The payment vendor's request limit was reached — retry later."
  ),
  "9004": entry(
    "retryable",
    "決済情報差分照会重複エラー",
    "差分照会（091）が同時に実行されました。数秒後に再実行してください。",
    "Two difference inquiries (091) ran at the same time — retry after a few seconds."
  ),
  "9005": entry("retryable", "DBロックエラー", "対象データがロック中です。数秒後に再実行してください。", "The record is locked — retry after a few seconds."),

  // ---- Card ----
  "2001": entry(
    "declined",
    "オーソリエラー",
    "カード会社によりオーソリが拒否されました（理由は response_detail）。購入者に別のカードを案内してください。",
    "The issuer declined the authorization (reason in response_detail) — ask the buyer for another card."
  ),
  "2002": entry(
    "declined",
    "カード決済ベンダー側システムエラー",
    "カード決済ネットワークでエラーが発生しました。オーソリの場合は新しい決済で再試行、売上・取消の場合は再実行し、解消しない場合はペイジェントに問い合わせてください。",
    "Card network/vendor error — for an authorization start a new payment; for capture/cancel retry, then contact Paygent."
  ),
  "2003": entry(
    "input_error",
    "カード情報入力エラー",
    "カード情報の入力に誤りがあります（response_detail 参照）。同じ決済IDで3回まで再オーソリできます。",
    "Card data was wrong (see response_detail) — the authorization may be retried with the same payment_id (up to 3 times)."
  ),
  "2004": entry(
    "status_conflict",
    "ステータス矛盾エラー",
    "現在の決済ステータスではこの操作はできません（例: 売上済みの決済への売上）。決済情報照会（094）で状態を確認してください。",
    "The payment's current status does not allow this operation (e.g. capturing a captured payment) — check it with 094."
  ),
  "2005": entry(
    "rejected",
    "取引ID重複エラー",
    "同じマーチャント取引IDの決済が複数あります。決済IDを指定して再実行してください。",
    "Several payments share this trading_id — send the payment_id instead."
  ),
  "2006": entry("not_found", "該当データなしエラー", "指定された決済が見つかりません。", "The payment was not found."),
  "2007": entry(
    "expired",
    "期限切れエラー",
    "オーソリの有効期限、または売上取消の期限を過ぎています。再実行しても成功しません。",
    "The authorization or the refund deadline has passed — retrying will not help."
  ),
  "2008": entry(
    "retryable",
    "タイムアウトエラー",
    "カード決済ベンダーでタイムアウトが発生しました。売上・取消は再実行してください。オーソリは決済状況を確認してください。",
    "The card vendor timed out — retry captures/cancels; for an authorization check the payment status first."
  ),
  "2009": entry(
    "rejected",
    "参照マーチャント取引IDエラー",
    "ref_trading_id の決済が存在しないか、14か月以上前、またはカード決済ではありません。",
    "The ref_trading_id payment is unknown, older than 14 months or not a card payment."
  ),
  "2010": entry(
    "partial_failure",
    "補正時オーソリ取消エラー",
    "補正後の新しい決済は作成されましたが、元の決済のオーソリ取消に失敗しました。新旧の決済を確認し、必要なら元の決済を取り消してください。",
    "The new payment was created but cancelling the original authorization failed — check both payments and cancel the old one if needed."
  ),
  "2011": entry(
    "partial_failure",
    "補正時売上エラー",
    "補正後の新しい決済はオーソリされましたが、売上に失敗しました。新しい決済IDで売上を再実行してください。",
    "The new payment was authorized but its capture failed — capture the new payment_id again."
  ),
  "2012": entry(
    "partial_failure",
    "補正時売上取消エラー",
    "補正後の新しい決済は作成されましたが、元の決済の売上取消に失敗しました。新旧の決済を確認してください。",
    "The new payment was created but cancelling the original sale failed — check both payments."
  ),
  "2013": entry(
    "rejected",
    "補正時決済金額エラー",
    "補正後の金額は1円以上かつ元の金額以下にしてください。",
    "The changed amount must be greater than 0 and not larger than the original amount."
  ),
  "2014": entry("rejected", "補正時3Dセキュアエラー", "3Dセキュア決済は補正できません。", "This 3-D Secure payment cannot be changed."),
  "2015": entry(
    "declined",
    "Attemptオーソリ実施拒否",
    "3Dセキュアが実施できず、契約上Attemptオーソリが許可されていません。",
    "3-D Secure could not run and the contract forbids attempt authorizations."
  ),
  "2016": entry(
    "declined",
    "仕向カード会社判定エラー",
    "このカードは取り扱えません（仕向先カード会社の契約がありません）。",
    "This card cannot be accepted (no acquirer contract for it)."
  ),
  "2017": entry("declined", "継続課金売上実施不可カード", "有効性チェックにより、この登録カードは利用できません。", "The stored card is blocked by its validity check."),
  "2018": entry("rejected", "ボーナス一括取扱不能エラー", "現在の期間はボーナス一括払いを受け付けていません。", "Bonus one-time payments are not accepted in this period."),
  "2020": entry("token_invalid", "トークン有効期限切れ", "カードトークンの有効期限が切れています。購入者にカード情報を再入力させてください。", "The card token has expired — have the buyer enter the card again."),
  "2021": entry("token_invalid", "トークンなし", "カードトークンが存在しません（別環境のトークンの可能性があります）。", "The card token does not exist (possibly a token from another environment)."),
  "2022": entry("token_invalid", "トークンワンタイム", "カードトークンは使用済みです。新しいトークンを発行してください。", "The card token was already used — create a new token."),
  "2023": entry(
    "configuration",
    "カード情報直接指定エラー",
    "カード番号の直接送信は許可されていません。トークン決済を利用してください。",
    "Sending raw card numbers is not allowed — use card tokens."
  ),
  "2024": entry("rejected", "トークン指定時他項目指定不可", "トークンと他のカード情報を同時に指定できません。", "A token cannot be combined with other card data."),
  "2025": entry("rejected", "セキュリティコードトークン指定エラー", "セキュリティコードトークンは登録カードと組み合わせてください。", "A CVV-only token may only be used with a stored card."),
  "2026": entry("rejected", "トークン情報エラー", "トークンの指定内容が不正です。", "The token data is inconsistent."),
  "2054": entry(
    "declined",
    "大量トランザクションブロッカーエラー",
    "大量トランザクションブロッカーにより拒否されました（決済はステータス15）。",
    "Blocked by the mass-transaction blocker (payment moved to status 15)."
  ),

  // ---- Konbini / bank net / virtual account ----
  "3001": entry("rejected", "コンビニ決済ベンダー側システムエラー", "コンビニ決済ベンダーでエラーが発生しました。", "Konbini vendor system error."),
  "3002": entry("rejected", "コンビニ決済ベンダー側システムエラー", "コンビニ決済ベンダーでエラーが発生しました。", "Konbini vendor system error."),
  "3003": entry("rejected", "コンビニ決済ベンダー側システムエラー", "コンビニ決済ベンダーでエラーが発生しました。", "Konbini vendor system error."),
  "3004": entry("rejected", "コンビニ決済ベンダー側システムエラー", "コンビニ決済ベンダーでエラーが発生しました。", "Konbini vendor system error."),
  "4001": entry("rejected", "コンビニ決済ベンダー側システムエラー", "払込票ベンダーでエラーが発生しました。", "Payment-slip vendor system error."),
  "5008": entry("rejected", "2重支払確認", "この取引IDは既に支払済みです。", "This trading_id has already been paid."),
  "5009": entry("rejected", "ASP画面有効期限確認", "銀行選択画面の有効期限が切れています。新しい取引IDで申し込んでください。", "The bank-selection screen has expired — apply again with a new trading_id."),
  "5010": entry(
    "rejected",
    "2重申込エラー",
    "同じ取引IDで有効な未払いの申込があります。応答に含まれる既存のASP URLへ購入者を案内できます。",
    "A live unpaid application exists for this trading_id — the response still carries its ASP URL, send the buyer there."
  ),
  "5011": entry("rejected", "金融機関選択可能回数オーバー", "金融機関の選択回数が上限（30回）を超えました。", "The bank was selected too many times (30)."),
  "8001": entry("rejected", "仮想口座エラー", "割り当て可能な仮想口座番号がありません。", "No free virtual account number."),
  "8002": entry("rejected", "仮想口座エラー", "固定/循環の採番方式が一致しません。", "Fixed vs rotating numbering mismatch."),
  "8003": entry("rejected", "仮想口座エラー", "指定された仮想口座は利用できません。", "The virtual account cannot be used."),
  "9103": entry("retryable", "ファイル決済処理中", "ファイル決済は処理中です。時間をおいて照会してください。", "The file payment is still being processed — query again later."),
  "11005": entry("retryable", "電子マネーエラー", "電子マネーで一時的なエラーが発生しました。再実行してください。", "Temporary e-money error — retry."),
  "11007": entry("retryable", "電子マネーエラー", "電子マネーで一時的なエラーが発生しました。再実行してください。", "Temporary e-money error — retry."),
  "13001": entry("not_found", "決済情報照会 該当なし", "照会対象の決済が見つかりません。", "No payment matches the inquiry."),
  "13002": entry("rejected", "決済情報照会 取引ID重複", "同じ取引IDの決済が複数あります。決済IDで照会してください。", "Several payments share this trading_id — query by payment_id."),

  // ---- EMV 3-D Secure ----
  "31001": entry("declined", "EMV 3DS カード利用不可", "このカードは3Dセキュア認証を利用できません。", "This card cannot be used for 3-D Secure."),
  "31002": entry("rejected", "EMV 3DS パラメータ不整合", "card_set_method と指定されたカード情報が一致しません。", "card_set_method does not match the card data sent."),
  "31003": entry("token_invalid", "EMV 3DS トークン期限切れ", "カードトークンの有効期限が切れています。", "The card token has expired."),
  "31004": entry("token_invalid", "EMV 3DS トークンなし", "カードトークンが存在しません。", "The card token does not exist."),
  "31005": entry("token_invalid", "EMV 3DS トークン使用済", "カードトークンは使用済みです。", "The card token was already used."),
  "31006": entry("not_found", "EMV 3DS 登録カードなし", "指定された登録カードが見つかりません。", "The stored card was not found."),
  "31007": entry("declined", "EMV 3DS 認証失敗", "3Dセキュアの本人認証に失敗しました。決済を中止してください。", "3-D Secure authentication failed — stop this payment."),
  "31008": entry("rejected", "EMV 3DS 認証結果指定エラー", "3ds_auth_id を送る場合は 3dsecure_use_type=2 を指定してください。", "3ds_auth_id requires 3dsecure_use_type=2."),
  "31009": entry("rejected", "EMV 3DS 認証結果組み合わせエラー", "3dsecure_use_type=2 には 3ds_auth_id が必要です。", "3dsecure_use_type=2 requires a 3ds_auth_id."),
  "31010": entry("rejected", "EMV 3DS 認証結果利用不可", "この3ds_auth_idは既に別の決済で使用されています。", "This 3ds_auth_id was already used by another payment."),
  "31011": entry("rejected", "EMV 3DS 認証結果情報なし", "3ds_auth_id が見つかりません（サイトIDの不一致の可能性があります）。", "The 3ds_auth_id was not found (check that site_id matches the 450)."),
  "31012": entry(
    "rejected",
    "EMV 3DS 対象外",
    "仕向先がこのブランドの3Dセキュアに対応していません。加盟店の判断で3Dセキュアなしのオーソリが可能です。",
    "The acquirer does not support 3-D Secure for this brand — a non-3DS authorization is possible at the merchant's risk."
  ),
  "31013": entry("expired", "EMV 3DS 認証タイムアウト", "3Dセキュア認証がタイムアウトしました（30分）。", "3-D Secure authentication timed out (30 minutes)."),

  // ---- Codes produced by this client (module-side, §1.4) ----
  E02002: entry(
    "configuration",
    "電文要求パラメータエラー",
    "電文長が上限（102,400バイト）を超えています。送信内容を減らしてください。",
    "The telegram exceeds the 102,400-byte limit — send less data."
  ),
  E02003: entry("configuration", "電文種別エラー", "この電文種別の接続先URLがありません。", "No URL is known for this telegram kind."),
  E02004: entry(
    "configuration",
    "証明書エラー",
    "クライアント証明書またはCA証明書を読み込めません。証明書ファイルとパスフレーズを確認してください。",
    "The client certificate or CA could not be loaded — check the certificate files and pass-phrase."
  ),
  E02005: entry(
    "unknown_outcome",
    "決済センター接続エラー",
    "ペイジェントからの応答を確認できませんでした。処理された可能性があるため、決済情報照会（094）で確認してから再実行してください。",
    "No usable answer from Paygent; the request may have been processed — check with a payment inquiry (094) before retrying."
  ),
}

export function responseCodeInfo(code: string): ResponseCodeInfo | undefined {
  return Object.prototype.hasOwnProperty.call(RESPONSE_CODES, code) ? RESPONSE_CODES[code] : undefined
}
