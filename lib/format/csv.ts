/** CSV text (RFC 4180) built in the browser from data a chart already holds. */

export type CsvCell = string | number | null | undefined;

/** One field: quoted when it holds a comma, quote, CR or LF (quotes doubled); null/undefined/NaN become empty. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  // A leading = + - @ would run as a formula in spreadsheets; prefix a quote so text stays text.
  const text = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: header row then data rows, CRLF line ends, trailing newline. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** A file-name-safe slug ("Beach house" → "beach-house"). */
export function fileSlug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "data"
  );
}
