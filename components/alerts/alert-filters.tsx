import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

/** State and severity filters of the alerts page: a plain GET form, so it works before hydration too. */
export function AlertFilters({ state, severity }: { state: string; severity: string }) {
  return (
    <form method="get" action="/alerts" className="flex flex-wrap items-end gap-3" aria-label="Filter alerts">
      <div className="space-y-1">
        <Label htmlFor="alert-state">State</Label>
        <Select id="alert-state" name="state" defaultValue={state}>
          <option value="open">Open</option>
          <option value="active">Active</option>
          <option value="acknowledged">Acknowledged</option>
          <option value="resolved">Resolved</option>
          <option value="expired">Expired</option>
          <option value="all">All</option>
        </Select>
      </div>
      <div className="space-y-1">
        <Label htmlFor="alert-severity">Severity</Label>
        <Select id="alert-severity" name="severity" defaultValue={severity}>
          <option value="">Any</option>
          <option value="critical">Critical</option>
          <option value="warning">Warning</option>
          <option value="info">Info</option>
        </Select>
      </div>
      <Button type="submit" variant="outline">
        Apply
      </Button>
    </form>
  );
}
