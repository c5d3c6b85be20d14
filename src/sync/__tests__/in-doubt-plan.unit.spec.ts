import { followUpApplied, planCheckoutDoubt, planFollowUpDoubt } from "../in-doubt-plan"

describe("settling a checkout attempt in doubt (planCheckoutDoubt)", () => {
  it("settles what Paygent never had, and what an order holds, without sending anything", () => {
    for (const kind of ["020", "030", "010"]) {
      expect(planCheckoutDoubt(kind, undefined, false)).toEqual({ settle: "not_applied" })
      expect(planCheckoutDoubt(kind, "20", true)).toEqual({ settle: "adopted" })
      expect(planCheckoutDoubt(kind, "10", true)).toEqual({ settle: "adopted" })
    }
  })

  it("voids a card authorization no order took (021; 023 when it was captured at once)", () => {
    expect(planCheckoutDoubt("020", "20", false)).toEqual({ void: "021", then: "voided" })
    expect(planCheckoutDoubt("020", "40", false)).toEqual({ void: "023", then: "voided" })
    for (const closed of ["11", "32", "33", "60"]) {
      expect(planCheckoutDoubt("020", closed, false)).toEqual({ settle: "closed" })
    }
  })

  it("closes unused konbini / ATM numbers here, and owes back money already paid on them", () => {
    expect(planCheckoutDoubt("030", "10", false)).toEqual({ close: true, then: "unused_number" })
    expect(planCheckoutDoubt("010", "10", false)).toEqual({ close: true, then: "unused_number" })
    expect(planCheckoutDoubt("030", "40", false)).toEqual({ owe: true, then: "paid_unused" })
    expect(planCheckoutDoubt("030", "43", false)).toEqual({ owe: true, then: "paid_unused" })
    expect(planCheckoutDoubt("030", "12", false)).toEqual({ settle: "closed" })
  })
})

describe("settling a merchant operation in doubt (planFollowUpDoubt)", () => {
  const medusa = { captured: false, canceled: false, reflected: false }

  it("finishes a capture exactly once: records Paygent's, sends a missing one, never over a cancelled payment", () => {
    expect(planFollowUpDoubt("022", "40", medusa)).toEqual({ capture: true })
    expect(planFollowUpDoubt("022", "20", medusa)).toEqual({ capture: true })
    expect(planFollowUpDoubt("022", "40", { ...medusa, captured: true })).toEqual({ settle: "recorded" })
    expect(planFollowUpDoubt("022", "20", { ...medusa, canceled: true })).toEqual({ settle: "closed", alert: "closed" })
    expect(planFollowUpDoubt("022", "33", medusa)).toEqual({ settle: "closed", alert: "closed" })
  })

  it("tells the merchant what Paygent did with a cancel, refund or amount change, unless Medusa shows it already", () => {
    expect(planFollowUpDoubt("021", "32", medusa)).toEqual({ settle: "applied", alert: "applied" })
    expect(planFollowUpDoubt("021", "20", medusa)).toEqual({ settle: "not_applied", alert: "not_applied" })
    expect(planFollowUpDoubt("023", "60", medusa)).toEqual({ settle: "applied", alert: "applied" })
    expect(planFollowUpDoubt("029", "60", medusa)).toEqual({ settle: "applied", alert: "applied" })
    expect(planFollowUpDoubt("028", "20", medusa)).toEqual({ settle: "not_applied", alert: "not_applied" })
    expect(planFollowUpDoubt("021", "32", { ...medusa, reflected: true })).toEqual({ settle: "recorded" })
  })

  it("knows which of Paygent's statuses show each operation applied", () => {
    expect(followUpApplied("021", "33")).toBe(true)
    expect(followUpApplied("022", "41")).toBe(true)
    expect(followUpApplied("023", "40")).toBe(false)
    expect(followUpApplied("028", "32")).toBe(true)
    expect(followUpApplied("xyz", "32")).toBe(false)
  })
})
