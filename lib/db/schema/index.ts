export * from "./users";
export * from "./systems";
export * from "./points";
export * from "./access";
export * from "./sessions";
export * from "./pipeline";
export * from "./sharing";
export * from "./quota";
