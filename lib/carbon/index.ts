export * from "./factors";
export * from "./emissions";
