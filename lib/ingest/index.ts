export { ingestFetchResult, type IngestResult, type IngestSystem } from "./ingest-fetch-result";
export { ensurePoints, findPoint, originKey, type EnsuredPoints, type SystemPoints } from "./ensure-points";
export { upsertIntervals, QUALITY_RANK, type IntervalRow } from "./store-intervals";
