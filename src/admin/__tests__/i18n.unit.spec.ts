import * as fs from "fs"
import * as path from "path"
import en from "../i18n/en.json"
import ja from "../i18n/ja.json"

function keys(tree: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value && typeof value === "object" ? keys(value as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`]
  )
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === "__tests__" ? [] : sources(full)
    return /\.tsx?$/.test(entry.name) ? [full] : []
  })
}

describe("admin translations", () => {
  it("has the same keys in Japanese and English, all under paygent.", () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort())
    expect(Object.keys(en)).toEqual(["paygent"])
  })

  it("has every key the admin code names literally, in both languages", () => {
    const known = new Set(keys(en))
    const used = new Set<string>()
    for (const file of sources(path.join(__dirname, ".."))) {
      for (const match of fs.readFileSync(file, "utf8").matchAll(/"(paygent\.[A-Za-z0-9_.-]+)"/g)) {
        used.add(match[1])
      }
    }
    expect(used.size).toBeGreaterThan(50)
    expect([...used].filter((key) => !known.has(key))).toEqual([])
  })

  it("labels every inbox reason, plan action and countdown in both languages", () => {
    for (const tree of [en, ja]) {
      const all = new Set(keys(tree))
      for (const reason of ["checkout_abandoned", "awaiting_payment", "capture_deadline", "amount_mismatch", "manual_refund", "notice_overdue", "alert"]) {
        expect(all.has(`paygent.reason.${reason}`)).toBe(true)
      }
      for (const action of ["capture", "cancel", "change-amount", "refresh"]) {
        expect(all.has(`paygent.confirm.title.${action}`)).toBe(true)
        expect(all.has(`paygent.actions.done.${action}`)).toBe(true)
      }
    }
    expect(ja.paygent.status.none).toBe("未処理")
    expect(ja.paygent.actions.capture).toBe("売上")
    // Not 取消 beside 閉じる: in a dialog that reads as "dismiss", not as cancelling the payment.
    expect(ja.paygent.actions.cancel).toBe("決済を取り消す")
    expect(ja.paygent.confirm.back).toBe("閉じる")
    expect(ja.paygent.actions.changeAuthorization).toBe("オーソリ変更")
    expect(ja.paygent.actions.changeSales).toBe("売上変更")
    expect(ja.paygent.actions.refresh).toBe("再照会")
  })
})
