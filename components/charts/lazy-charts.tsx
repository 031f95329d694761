"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

// Recharts is the heaviest part of the page: every chart loads after first paint, in its own chunk.
const loading = () => <Skeleton className="h-full w-full" />;

export const PowerChart = dynamic(() => import("./power-chart").then((m) => m.PowerChart), { ssr: false, loading });
export const DailyEnergyChart = dynamic(() => import("./daily-energy-chart").then((m) => m.DailyEnergyChart), {
  ssr: false,
  loading,
});
export const EnergyFlowChart = dynamic(() => import("./energy-flow-chart").then((m) => m.EnergyFlowChart), {
  ssr: false,
  loading,
});
export const HeatmapChart = dynamic(() => import("./heatmap-chart").then((m) => m.HeatmapChart), {
  ssr: false,
  loading,
});
export const PriceChart = dynamic(() => import("./price-chart").then((m) => m.PriceChart), { ssr: false, loading });
