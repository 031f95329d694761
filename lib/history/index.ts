export { queryHistory, matchPoints, fieldFor, type HistoryRequest } from "./query-history";
export { chooseLevel, spanProblem, RANGE_MS, SPAN_LIMIT_MS, type RangeName } from "./levels";
export { historyQuerySchema, resolveWindow, type HistoryQuery } from "./request-schema";
