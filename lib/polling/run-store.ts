// The poll bookkeeping writes moved to lib/polling/store.ts (the store module rule in docs/architecture.md);
// this re-export keeps lib/vendors/fronius/receive.ts working until the vendors-capability change moves it.
export * from "./store";
