export { froniusAdapter, froniusCredentialsSchema, type FroniusCredentials } from "./adapter";
export { FRONIUS_POINTS, mapPush } from "./mapper";
export { pushWarnings } from "./warnings";
export { froniusPushSchema, type FroniusPush, type FroniusStore } from "./schema";
