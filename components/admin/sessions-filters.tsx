import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

export type SessionFilterValues = Partial<
  Record<"systemId" | "vendor" | "cause" | "success" | "from" | "to" | "sort" | "dir", string>
>;

/** The sessions log filters: a plain GET form, so filters live in the URL and work without JavaScript. */
export function SessionsFilters({ values, vendors }: { values: SessionFilterValues; vendors: string[] }) {
  const field = "flex flex-col gap-1 text-xs";
  return (
    <form method="get" action="/admin/sessions" className="flex flex-wrap items-end gap-3">
      <div className={field}>
        <Label htmlFor="f-system">System id</Label>
        <Input id="f-system" name="systemId" inputMode="numeric" defaultValue={values.systemId} className="h-9 w-24" />
      </div>
      <div className={field}>
        <Label htmlFor="f-vendor">Vendor</Label>
        <Select id="f-vendor" name="vendor" defaultValue={values.vendor ?? ""} className="h-9 w-36">
          <option value="">any</option>
          {vendors.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </Select>
      </div>
      <div className={field}>
        <Label htmlFor="f-cause">Cause</Label>
        <Select id="f-cause" name="cause" defaultValue={values.cause ?? ""} className="h-9 w-28">
          <option value="">any</option>
          {["CRON", "ADMIN", "USER", "PUSH"].map((c) => (
            <option key={c}>{c}</option>
          ))}
        </Select>
      </div>
      <div className={field}>
        <Label htmlFor="f-success">Result</Label>
        <Select id="f-success" name="success" defaultValue={values.success ?? ""} className="h-9 w-32">
          <option value="">any</option>
          <option value="true">succeeded</option>
          <option value="false">failed</option>
          <option value="pending">in progress</option>
        </Select>
      </div>
      <div className={field}>
        <Label htmlFor="f-from">From (UTC)</Label>
        <Input id="f-from" name="from" type="datetime-local" defaultValue={values.from} className="h-9" />
      </div>
      <div className={field}>
        <Label htmlFor="f-to">To (UTC)</Label>
        <Input id="f-to" name="to" type="datetime-local" defaultValue={values.to} className="h-9" />
      </div>
      <div className={field}>
        <Label htmlFor="f-sort">Sort</Label>
        <Select id="f-sort" name="sort" defaultValue={values.sort ?? "started"} className="h-9 w-32">
          <option value="started">start time</option>
          <option value="duration">duration</option>
        </Select>
      </div>
      <div className={field}>
        <Label htmlFor="f-dir">Order</Label>
        <Select id="f-dir" name="dir" defaultValue={values.dir ?? "desc"} className="h-9 w-32">
          <option value="desc">newest / longest</option>
          <option value="asc">oldest / shortest</option>
        </Select>
      </div>
      <Button type="submit" size="sm">
        Apply
      </Button>
    </form>
  );
}
