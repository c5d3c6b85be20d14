import {
  canTransition,
  compareTransition,
  isBackwards,
  isTerminal,
  paymentTypeLabel,
  statusesForType,
  statusLabel,
  statusName,
  statusRank,
} from "../statuses"

describe("status names", () => {
  it.each([
    ["10", "申込済"],
    ["11", "オーソリNG"],
    ["12", "支払期限切"],
    ["15", "申込中断"],
    ["20", "オーソリOK"],
    ["30", "売上要求中"],
    ["32", "オーソリ取消済"],
    ["33", "オーソリ期限切"],
    ["40", "消込済"],
    ["41", "消込済（売上取消期限切）"],
    ["43", "速報検知済"],
    ["60", "売上取消済"],
    ["61", "速報取消済"],
  ])("%s = %s", (code, ja) => {
    expect(statusName(code)?.ja).toBe(ja)
    expect(statusName(code)?.en.length).toBeGreaterThan(3)
  })

  it("labels statuses per payment type for merchants", () => {
    expect(statusLabel("02", "40")).toEqual({ ja: "売上", en: "Captured" })
    expect(statusLabel("03", "40")).toEqual({ ja: "入金済み", en: "Paid" })
    expect(statusLabel("03", "10")).toEqual({ ja: "入金待ち", en: "Awaiting payment" })
    expect(statusLabel("02", "20")?.ja).toBe("オーソリOK")
    expect(statusLabel("02", "32")?.ja).toBe("オーソリキャンセル")
    expect(statusLabel("02", "60")?.ja).toBe("売上キャンセル")
    expect(statusLabel("03", "12")?.ja).toBe("期限切れ")
    expect(statusLabel("01", "12")?.ja).toBe("期限切れ")
    expect(statusLabel("05", "15")?.ja).toBe("申込中断")
    // Unmodelled type falls back to the master name.
    expect(statusLabel("06", "44")?.ja).toBe("消込完了")
    expect(paymentTypeLabel("03")?.ja).toBe("コンビニ決済（番号方式）")
  })
})

describe("per-type tables", () => {
  it("list the statuses of each type", () => {
    expect(statusesForType("02").sort()).toEqual(["10", "11", "15", "17", "20", "22", "30", "31", "32", "33", "40", "41", "42", "50", "60"])
    expect(statusesForType("03").sort()).toEqual(["10", "12", "40", "43", "61"])
    expect(statusesForType("01").sort()).toEqual(["10", "12", "40"])
    expect(statusesForType("05").sort()).toEqual(["10", "15", "40"])
    expect(statusesForType("99")).toEqual([])
  })

  it("mark terminal statuses", () => {
    for (const s of ["11", "32", "33", "41", "60"]) expect([s, isTerminal("02", s)]).toEqual([s, true])
    for (const s of ["10", "20", "30", "40"]) expect([s, isTerminal("02", s)]).toEqual([s, false])
    expect(isTerminal("03", "40")).toBe(true)
    expect(isTerminal("03", "43")).toBe(false)
    expect(isTerminal("03", "12")).toBe(true)
    // A bank-net payment abandoned (15) can still be paid.
    expect(isTerminal("05", "15")).toBe(false)
    expect(isTerminal("02", "99")).toBe(false)
  })

  it("rank grows along every documented transition", () => {
    for (const type of ["01", "02", "03", "04", "05", "07"]) {
      for (const from of statusesForType(type)) {
        for (const to of statusesForType(type)) {
          if (from !== to && canTransition(type, from, to)) {
            expect([type, from, to, statusRank(type, to)! > statusRank(type, from)!]).toEqual([type, from, to, true])
          }
        }
      }
    }
  })
})

describe("transition direction", () => {
  it.each([
    ["02", "20", "40", "forward"],
    ["02", "10", "60", "forward"],
    ["02", "40", "20", "backward"],
    ["02", "60", "40", "backward"],
    ["02", "32", "40", "unknown"],
    ["03", "10", "43", "forward"],
    ["03", "43", "40", "forward"],
    ["03", "40", "43", "backward"],
    ["03", "12", "40", "unknown"],
    ["05", "15", "40", "forward"],
    ["02", "20", "20", "same"],
  ] as const)("type %s: %s → %s is %s", (type, current, reported, verdict) => {
    expect(compareTransition(type, current, reported)).toBe(verdict)
    expect(isBackwards(type, current, reported)).toBe(verdict === "backward")
  })
})
