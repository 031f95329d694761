import { csvField, fileSlug, toCsv } from "../csv";

test.each<[Parameters<typeof csvField>[0], string]>([
  ["plain", "plain"],
  ["a,b", '"a,b"'],
  ['say "hi"', '"say ""hi"""'],
  ["two\nlines", '"two\nlines"'],
  [1234.5, "1234.5"],
  [-3, "-3"],
  [null, ""],
  [undefined, ""],
  [Number.NaN, ""],
  ["=SUM(A1)", "'=SUM(A1)"],
  ["-12.5", "-12.5"],
  ["@cmd", "'@cmd"],
])("csvField(%j) = %j", (value, out) => expect(csvField(value)).toBe(out));

test("toCsv writes a header, CRLF rows and a final newline", () => {
  expect(
    toCsv(
      ["time", "solar (W)"],
      [
        ["2025-06-15T14:05:00+10:00", 1200],
        ["2025-06-15T14:10:00+10:00", null],
      ],
    ),
  ).toBe("time,solar (W)\r\n2025-06-15T14:05:00+10:00,1200\r\n2025-06-15T14:10:00+10:00,\r\n");
});

test.each<[string, string]>([
  ["Beach house", "beach-house"],
  ["  Home #1 ", "home-1"],
  ["!!!", "data"],
])("fileSlug(%j) = %s", (s, out) => expect(fileSlug(s)).toBe(out));
