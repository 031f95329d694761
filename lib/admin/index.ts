export { listAdminSystems, setSystemStatus, utcDayStart, type AdminSystemRow } from "./systems";
export { adminPollNow, adminTestConnection, type ConnectionTestResult } from "./actions";
export {
  listSessions,
  getSessionDetail,
  sessionsQuerySchema,
  type SessionsQuery,
  type SessionRow,
  type SessionPage,
} from "./sessions";
export { listAdminUsers, type AdminUserRow } from "./users";
export {
  changeUser,
  listUserAudit,
  userChangeSchema,
  type AuditEntry,
  type UserChangeInput,
  type UserChangeResult,
} from "./user-admin";
export { getStorageStats, type StorageStats, type TableStats } from "./storage";
export { idParam } from "./params";
export { getRetentionStats, projectRows, type RetentionStats, type TierStats } from "./retention";
export { getPollHealth, healthQuerySchema, type PollHealth, type VendorHealth, type HealthHour } from "./health";
