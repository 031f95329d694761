export { runRetention, previewRetention, type RetentionOutcome, type TierOutcome } from "./cleanup";
export { archiveSinkFromEnv, localSink, s3Sink, archiveKey, type ArchiveSink } from "./archive";
export { TIERS, TIER_LABELS, TIER_COLUMNS, retentionFromEnv, type Tier, type Retention, type TierRow } from "./tiers";
