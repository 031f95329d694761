export * from "./zones";
