/**
 * Every database access of lib/alerts, one module per part: rules and the evaluator's reads (store-rules), the
 * alerts' lifecycle, lists and cron-wide updates (store-alerts), vendor outages and the fleet action (store-fleet), channels, deliveries, maintenance and leases
 * (store-channels), and what they share (store-shared).
 */
export type { Alert, DeliveryEvent, DeliveryStatus } from "./store-shared";
export * from "./store-rules";
export * from "./store-alerts";
export * from "./store-fleet";
export * from "./store-channels";
