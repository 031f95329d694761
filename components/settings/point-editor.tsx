"use client";

import { Pencil } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { PointSettings } from "@/lib/systems/contracts";
import { PointEditForm } from "./point-edit-form";

const TRANSFORM: Record<string, string> = { i: "sign flipped", d: "running total" };

/** Every point of a system in a table; writers edit one at a time in a dialog. */
export function PointEditor({
  systemId,
  points,
  canEdit,
  computed = false,
}: {
  systemId: number;
  points: PointSettings[];
  canEdit: boolean;
  /** A composite: its values are computed from its sources, so it has no points of its own to wait for. */
  computed?: boolean;
}) {
  const [rows, setRows] = useState(points);
  const [editing, setEditing] = useState<PointSettings | null>(null);
  if (!rows.length) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="no-points">
        {computed
          ? "A composite has no points of its own: its values are computed from the sources below. Rename or reclassify a value in its source system's settings."
          : "No points yet: they appear after the first successful poll (usually within a minute or two)."}
      </p>
    );
  }
  return (
    <>
      <Table data-testid="point-table">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead className="hidden sm:table-cell">Path</TableHead>
            <TableHead className="hidden sm:table-cell">Unit</TableHead>
            <TableHead className="hidden sm:table-cell">Status</TableHead>
            {canEdit && <TableHead className="sr-only">Actions</TableHead>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((p) => (
            <TableRow key={p.id} data-testid={`point-${p.id}`}>
              <TableCell>
                <span className="font-medium">{p.displayName}</span>
                {p.alias && <span className="block text-xs text-muted-foreground">alias {p.alias}</span>}
                {/* On a phone the path, unit and status sit under the name, so the edit button stays on screen. */}
                <span className="block break-all font-mono text-xs text-muted-foreground sm:hidden">
                  {p.path ?? "unclassified"}
                  {p.unit && ` · ${p.unit}`}
                </span>
                <span className="mt-1 flex flex-wrap gap-1 sm:hidden">
                  <PointBadges point={p} />
                </span>
              </TableCell>
              <TableCell className="hidden font-mono text-xs sm:table-cell">
                {p.path ?? <span className="text-muted-foreground">unclassified</span>}
              </TableCell>
              <TableCell className="hidden sm:table-cell">{p.unit || "—"}</TableCell>
              <TableCell className="hidden space-x-1 whitespace-nowrap sm:table-cell">
                <PointBadges point={p} />
              </TableCell>
              {canEdit && (
                <TableCell className="text-right">
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    onClick={() => setEditing(p)}
                    aria-label={`Edit ${p.displayName}`}
                  >
                    <Pencil aria-hidden="true" />
                    <span className="hidden sm:inline">Edit</span>
                  </Button>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={`Edit point: ${editing?.displayName ?? ""}`}
      >
        {editing && (
          <PointEditForm
            key={editing.id}
            systemId={systemId}
            point={editing}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setRows((all) => all.map((p) => (p.id === saved.id ? saved : p)));
              setEditing(null);
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function PointBadges({ point }: { point: PointSettings }) {
  return (
    <>
      <Badge variant={point.active ? "secondary" : "outline"}>{point.active ? "active" : "hidden"}</Badge>
      {point.transform && <Badge variant="outline">{TRANSFORM[point.transform]}</Badge>}
    </>
  );
}
