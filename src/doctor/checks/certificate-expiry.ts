import { commonName, isoDay, leafOf, parseCertificates } from "../material"
import type { CheckOutcome, DoctorCheck } from "../types"

/** Check 4: the client certificate is within its validity period; a warning under WARN_DAYS days left. */

export const WARN_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

export const certificateExpiryCheck: DoctorCheck = {
  id: "certificate_expiry",
  title: { ja: "証明書の有効期限", en: "Certificate expiry" },
  run(state): CheckOutcome {
    // The certificate the TLS context loaded (check 3); if that failed, the PEM's own leaf still has dates.
    const leaf = state.leaf ?? (state.material?.pem ? leafOf(parseCertificates(state.material.pem).certs) : undefined)
    if (!leaf) {
      return { status: "skip", ja: "証明書を読めないため確認できません（2・3 を参照）。", en: "not checked: no readable certificate (see 2 and 3)." }
    }
    const notAfter = new Date(leaf.validTo)
    const notBefore = new Date(leaf.validFrom)
    const now = state.now.getTime()
    // Whole days, toward zero: 10.5 days left → 10; expired 12.2 days ago → -12.
    const daysLeft = Math.trunc((notAfter.getTime() - now) / DAY_MS)
    const cn = commonName(leaf)
    const who = cn ? `CN=${cn}、` : ""
    const whoEn = cn ? `CN=${cn}, ` : ""
    const data = { not_after: notAfter.toISOString(), not_before: notBefore.toISOString(), days_left: daysLeft, subject_cn: cn || null }
    if (notBefore.getTime() > now) {
      return {
        status: "fail",
        code: "not_yet_valid",
        ja: `証明書はまだ有効になっていません（${who}有効開始 ${isoDay(notBefore)}）。サーバーの時刻を確認してください。`,
        en: `the certificate is not valid yet (${whoEn}valid from ${isoDay(notBefore)}) — check this machine's clock.`,
        data,
      }
    }
    if (notAfter.getTime() <= now) {
      return {
        status: "fail",
        code: "expired",
        ja: `証明書の有効期限が切れています（${who}${isoDay(notAfter)} 失効、${-daysLeft} 日経過）。ペイジェントに新しいクライアント証明書を依頼し、差し替えてください。`,
        en: `the certificate has expired (${whoEn}expired ${isoDay(notAfter)}, ${-daysLeft} day(s) ago) — ask Paygent for a new client certificate and replace it.`,
        data,
      }
    }
    if (daysLeft < WARN_DAYS) {
      return {
        status: "warn",
        code: "expires_soon",
        ja: `残り ${daysLeft} 日で期限切れになります（${who}${isoDay(notAfter)} まで）。今すぐペイジェントに更新を依頼してください。`,
        en: `expires in ${daysLeft} day(s) (${whoEn}on ${isoDay(notAfter)}) — ask Paygent for the renewal now.`,
        data,
      }
    }
    return {
      status: "pass",
      ja: `有効です（${who}${isoDay(notAfter)} まで、残り ${daysLeft} 日）。`,
      en: `valid (${whoEn}until ${isoDay(notAfter)}, ${daysLeft} days left).`,
      data,
    }
  },
}
