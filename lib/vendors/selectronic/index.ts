export { createSelectronicAdapter, selectronicAdapter, selectronicCredentialsSchema } from "./adapter";
export type { SelectronicCredentials, SelectronicAdapterOptions } from "./adapter";
export { SELECTRONIC_POINTS, mapHfItems } from "./mapper";
