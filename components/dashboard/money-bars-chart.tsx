"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MoneyBarRow } from "@/lib/dashboard/money-view";
import { AXIS_STROKE, AXIS_TICK } from "@/components/charts/chart-theme";

const PAID = "hsl(0 72% 51%)";
const EARNED = "hsl(142 71% 40%)";

/** Paid and earned per span, in dollars (the sr-only table beside it has the cents). */
export function MoneyBarsChart({ rows }: { rows: MoneyBarRow[] }) {
  const data = rows.map((r) => ({
    title: r.title,
    paid: r.paidCents === null ? null : r.paidCents / 100,
    earned: r.earnedCents === null ? null : r.earnedCents / 100,
  }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={AXIS_STROKE} />
        <XAxis dataKey="title" tick={AXIS_TICK} stroke={AXIS_STROKE} />
        <YAxis tick={AXIS_TICK} stroke={AXIS_STROKE} tickFormatter={(v: number) => `$${v}`} width={48} />
        <Tooltip formatter={(v) => (typeof v === "number" ? `$${v.toFixed(2)}` : "—")} />
        <Legend />
        <Bar dataKey="paid" name="Paid" fill={PAID} isAnimationActive={false} />
        <Bar dataKey="earned" name="Earned (feed-in)" fill={EARNED} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
