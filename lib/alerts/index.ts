export * from "./rules";
export {
  evaluateAlerts,
  evaluateAbsence,
  DEFAULT_OUTAGE_POLICY,
  type AlertRunSummary,
  type OutagePolicy,
} from "./evaluate-cron";
export { evaluateReadings, type LatestReading, type PointFacts } from "./evaluate-readings";
export { deliverDue, quietUntil, retryDelayMs, webhookPayload, MAX_ATTEMPTS, type DeliveryRun } from "./deliver";
export { signWebhook, verifyWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature";
