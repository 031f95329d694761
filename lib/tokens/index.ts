export { createApiToken, listApiTokens, revokeApiToken } from "./tokens";
export { createShareLink, listShareLinks, revokeShareLink, sharedSystem } from "./share-links";
export * from "./scopes";
