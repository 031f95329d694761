export * from "./errors";
export * from "./with-route";
