import type { ReactNode } from "react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

/** One column of an EV table: its header, whether it holds numbers (right-aligned), and its cell. */
export interface EvColumn<T> {
  label: string;
  numeric?: boolean;
  /** The row's header cell (scope="row"), e.g. the month. */
  rowHeader?: boolean;
  className?: string;
  cell: (row: T) => ReactNode;
}

/** The table of the EV pages (sessions, months): a caption for screen readers, column headers, one row per item. */
export function EvTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  testId,
  rowTestId,
}: {
  caption: string;
  columns: EvColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  testId: string;
  rowTestId?: string;
}) {
  const align = (c: EvColumn<T>) => cn(c.numeric && "text-right tabular-nums", c.className);
  return (
    <Table data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        <TableRow>
          {columns.map((c) => (
            <TableHead key={c.label} scope="col" className={cn(c.numeric && "text-right")}>
              {c.label}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={rowKey(r)} data-testid={rowTestId}>
            {columns.map((c) =>
              c.rowHeader ? (
                <TableHead key={c.label} scope="row" className={cn("text-foreground", align(c))}>
                  {c.cell(r)}
                </TableHead>
              ) : (
                <TableCell key={c.label} className={align(c)}>
                  {c.cell(r)}
                </TableCell>
              ),
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
