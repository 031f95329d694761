export * from "./path";
