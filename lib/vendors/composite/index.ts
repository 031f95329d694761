export { compositeAdapter, type CompositeCredentials } from "./adapter";
