export { kvKey, isKvEnabled, withKv, resetKv, type KvOutcome } from "./client";
export { latestKey, subscriptionsKey, usernameKey } from "./keys";
export {
  writeLatestValues,
  readLatestValues,
  clearLatestValues,
  latestField,
  type LatestValue,
  type CachedLatest,
} from "./latest-values";
export { getLatest } from "./latest-any";
export { setSubscriptions, getSubscriptions, setUsername, getUserIdByUsername, deleteUsername } from "./lookups";
