"use client";

import { ResponsiveContainer, Sankey, Tooltip, type SankeyLinkProps, type SankeyNodeProps } from "recharts";
import type { SankeyGraph, SankeyNodeDatum } from "@/lib/dashboard/accounts-view";
import { formatEnergy } from "@/lib/format";
import { FLOW_COLORS } from "./chart-theme";

const NODE_COLOR: Record<SankeyNodeDatum["kind"], string> = {
  solar: FLOW_COLORS.solar,
  grid: FLOW_COLORS.grid,
  battery: FLOW_COLORS.battery,
  home: FLOW_COLORS.load,
  unaccounted: "hsl(var(--muted-foreground))",
};

function Node({ x, y, width, height, payload }: SankeyNodeProps) {
  const node = payload as unknown as SankeyNodeDatum & { value: number; depth?: number };
  const left = (node.depth ?? 0) === 0;
  return (
    <g data-testid={`flow-node-${node.flow ?? "unaccounted"}`} data-wh={node.value}>
      <rect x={x} y={y} width={width} height={Math.max(1, height)} fill={NODE_COLOR[node.kind]} rx={2} />
      <text
        x={left ? x + width + 6 : x - 6}
        y={y + height / 2}
        textAnchor={left ? "start" : "end"}
        dominantBaseline="middle"
        fontSize={12}
        fill="hsl(var(--foreground))"
      >
        {node.name} · {formatEnergy(node.value)}
      </text>
    </g>
  );
}

function Link({
  sourceX,
  targetX,
  sourceY,
  targetY,
  sourceControlX,
  targetControlX,
  linkWidth,
  payload,
}: SankeyLinkProps) {
  const kind = (payload.source as unknown as SankeyNodeDatum).kind;
  return (
    <path
      d={`M${sourceX},${sourceY} C${sourceControlX},${sourceY} ${targetControlX},${targetY} ${targetX},${targetY}`}
      fill="none"
      stroke={NODE_COLOR[kind]}
      strokeOpacity={0.35}
      strokeWidth={Math.max(1, linkWidth)}
    />
  );
}

/**
 * Where the period's energy went, as the server attributed it interval by interval: sources (solar, grid,
 * battery) on the left, destinations on the right. Each node carries its total in data-wh.
 */
export function EnergyFlowChart({ graph }: { graph: SankeyGraph }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <Sankey
        data={graph}
        node={Node}
        nodePadding={24}
        nodeWidth={10}
        margin={{ top: 8, right: 8, bottom: 8, left: 8 }}
        link={Link}
        iterations={32}
        sort={false}
      >
        <Tooltip
          formatter={(value) => (typeof value === "number" ? formatEnergy(value) : String(value))}
          contentStyle={{
            background: "hsl(var(--popover))",
            border: "1px solid hsl(var(--border))",
            color: "hsl(var(--popover-foreground))",
            fontSize: 12,
          }}
        />
      </Sankey>
    </ResponsiveContainer>
  );
}
