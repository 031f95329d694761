import { aggregationFieldsProblem } from "../aggregation-tool";

describe("aggregation form checks before sending", () => {
  it.each<[string, string, string | null]>([
    ["", "", "Choose both the first and the last day."],
    ["2025-01-02", "", "Choose both the first and the last day."],
    ["2025-01-03", "2025-01-02", "The first day must not be after the last day."],
    ["2025-01-02", "2025-01-02", null],
    ["2025-01-01", "2025-01-31", null],
  ])("%s → %s", (from, to, problem) => expect(aggregationFieldsProblem({ systemId: "all", from, to })).toBe(problem));
});
