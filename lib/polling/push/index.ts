export { receivePush, PUSHES_PER_KEY_PER_MINUTE, BAD_KEYS_PER_CLIENT_PER_MINUTE, MAX_FUTURE_MS } from "./receive";
export type { PushResult } from "./receive";
export { findSystemByPushKey, rotatePushKey } from "./keys";
