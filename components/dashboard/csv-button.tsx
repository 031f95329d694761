"use client";

import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { toCsv, type CsvCell } from "@/lib/format";

/** Saves text as a file in the browser (an object URL on a temporary link). */
export function saveTextFile(filename: string, text: string, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "Download CSV" for the series a chart shows; the CSV is built on click from data already fetched. */
export function CsvButton({
  filename,
  build,
  testId,
  disabled,
}: {
  filename: string;
  build: () => { header: string[]; rows: CsvCell[][] };
  testId: string;
  disabled?: boolean;
}) {
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      data-testid={testId}
      disabled={disabled}
      onClick={() => {
        const { header, rows } = build();
        saveTextFile(filename, toCsv(header, rows));
      }}
    >
      <Download aria-hidden="true" />
      CSV
    </Button>
  );
}
