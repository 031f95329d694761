export { createState, readState, verifyState, STATE_MESSAGES, STATE_TTL_MS } from "./state";
export type { StatePayload, StateCheck } from "./state";
export { nonceCookie, clearNonceCookie, readNonceCookie } from "./cookies";
