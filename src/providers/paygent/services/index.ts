export { PaygentBanknetService } from "./banknet"
export { PaygentCardService } from "./card"
export { PaygentKonbiniService } from "./konbini"
export { PaygentPayeasyService } from "./payeasy"
