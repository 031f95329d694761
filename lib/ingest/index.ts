export { ingestFetchResult, type IngestResult, type IngestSystem } from "./ingest-fetch-result";
export { ensurePoints, originKey, type SystemPoints } from "./ensure-points";
export { upsertIntervals, QUALITY_RANK, type IntervalRow } from "./store-intervals";
