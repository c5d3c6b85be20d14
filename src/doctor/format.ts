import type { CheckStatus, DoctorReport } from "./types"

export const SYMBOLS: Record<CheckStatus, string> = { pass: "✓", fail: "✗", warn: "!", skip: "!" }

function sourceLine(report: DoctorReport): string {
  if (report.source.kind === "config") return `設定 / options: ${report.source.path}`
  const defaulted = report.source.defaulted?.length ?? 0
  return `設定 / options: PAYGENT_* 環境変数（medusa-config.ts と同じ対応）/ PAYGENT_* environment variables (as medusa-config.ts maps them)${
    defaulted ? `; 既定値 / defaults: ${report.source.defaulted!.join(", ")}` : ""
  }`
}

/** One line per check: symbol, number, name, Japanese verdict / English verdict. */
export function renderText(report: DoctorReport): string {
  const lines = [
    "medusa-paygent doctor — Paygent 接続診断 / connection check",
    sourceLine(report),
    `接続先 / target: ${report.target ?? "-"}`,
    "",
  ]
  report.checks.forEach((c, i) => {
    lines.push(`${SYMBOLS[c.status]} ${i + 1}. ${c.title.ja} / ${c.title.en} — ${c.ja} / ${c.en}`)
  })
  const { pass, warn, fail, skip } = report.summary
  lines.push("")
  lines.push(
    report.ok
      ? `結果: 問題なし（成功 ${pass}、警告 ${warn}、未確認 ${skip}） / Result: OK (${pass} passed, ${warn} warning(s), ${skip} not checked)`
      : `結果: ${fail} 件の失敗（成功 ${pass}、警告 ${warn}、未確認 ${skip}） / Result: ${fail} failed (${pass} passed, ${warn} warning(s), ${skip} not checked)`
  )
  return lines.join("\n") + "\n"
}

export function renderJson(report: DoctorReport): string {
  return (
    JSON.stringify(
      {
        ok: report.ok,
        source: report.source,
        target: report.target,
        summary: report.summary,
        checks: report.checks.map((c, i) => ({ number: i + 1, symbol: SYMBOLS[c.status], ...c })),
      },
      null,
      2
    ) + "\n"
  )
}
