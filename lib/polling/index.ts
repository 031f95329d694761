export { pollSystem, type PollSystemOptions, type PollResult, type PollOutcome, type PollCause } from "./poll-system";
export { pollDueSystems, type PollDueOptions, type PollRunSummary } from "./poll-due-systems";
export { backoffMs, BACKOFF_BASE_MS, BACKOFF_MAX_MS } from "./backoff";
export { scrubSecrets, responseForSession, MAX_RESPONSE_CHARS } from "./scrub";
export { runCleanup, type CleanupResult } from "./cleanup";
