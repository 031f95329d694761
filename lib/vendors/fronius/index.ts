export { froniusAdapter, froniusCredentialsSchema, type FroniusCredentials } from "./adapter";
export { FRONIUS_POINTS, mapPush } from "./mapper";
export { froniusPushSchema, type FroniusPush, type FroniusStore } from "./schema";
export { findSystemByPushKey, rotatePushKey } from "./keys";
export { receiveFroniusPush, type PushResult } from "./receive";
