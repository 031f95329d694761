import Link from "next/link";
import { redirect } from "next/navigation";
import { BatteryCharging, Gauge, LineChart, PlugZap } from "lucide-react";
import { Button } from "@/components/ui/button";
import { getPageUser } from "@/lib/auth/page";
import { listAdapters } from "@/lib/vendors";

export const dynamic = "force-dynamic";

/** "A, B and C": the names the adapters declare, so a new vendor appears here by itself. */
function brandList(): string {
  const names = listAdapters()
    .filter((a) => a.mode !== "virtual")
    .map((a) => a.displayName);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}` : names.join("");
}

const features = () => [
  { icon: Gauge, title: "Live power", text: "Solar, home load, battery and grid, refreshed every minute." },
  {
    icon: BatteryCharging,
    title: "Battery at a glance",
    text: "State of charge and whether it is charging or discharging.",
  },
  { icon: LineChart, title: "History", text: "Today's power curve in five-minute steps, in your own time zone." },
  {
    icon: PlugZap,
    title: "Many brands",
    text: `${brandList()}, one dashboard.`,
  },
];

/** Landing page: what the product is and a way in; signed-in users go straight to their dashboard. */
export default async function HomePage() {
  if (await getPageUser()) redirect("/dashboard");
  return (
    <main className="container max-w-5xl py-12 sm:py-20">
      <section className="max-w-2xl space-y-6">
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">
          Your solar and battery, <span className="text-solar">live</span>.
        </h1>
        <p className="text-lg text-muted-foreground">
          Solar Monitor collects readings from your inverter, battery and meter every minute and shows what your system
          is doing now and how today went, whichever vendor built it.
        </p>
        <Button asChild size="lg">
          <Link href="/sign-in">Sign in</Link>
        </Button>
      </section>
      <section aria-label="Features" className="mt-16 grid gap-6 sm:grid-cols-2">
        {features().map(({ icon: Icon, title, text }) => (
          <div key={title} className="flex gap-4 rounded-lg border bg-card p-5">
            <Icon className="mt-0.5 size-6 shrink-0 text-solar" aria-hidden="true" />
            <div>
              <h2 className="font-semibold">{title}</h2>
              <p className="text-sm text-muted-foreground">{text}</p>
            </div>
          </div>
        ))}
      </section>
    </main>
  );
}
